/**
 * Grading speed and memory (numbers only; no assertions):
 * - cases/second over the public corpus, on the calling thread and through the worker pool;
 * - the slowest corpus cases;
 * - heap before/after N grades (BENCH_GRADES, default 100000), with a fresh engine every few hundred parses;
 * - the time to a verdict on a pathological expansion.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { closeGradingPool, gradeCase, gradeCaseInline, proceduralTasks } from '../src/index.js';
import { MathConfigSchema } from '../src/config.js';

const corpus = readFileSync(new URL('../test/corpus/grading-cases.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { gold: string; pred: string });
const rate = (n: number, ms: number) => `${((n * 1000) / ms).toFixed(0)} cases/s`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const heap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

// Warm-up: the first parse loads compute-engine's dictionaries.
for (const c of corpus.slice(0, 50)) gradeCaseInline(c.gold, c.pred);

const timings: Array<{ ms: number; gold: string; pred: string }> = [];
let start = performance.now();
for (const c of corpus) {
  const t = performance.now();
  gradeCaseInline(c.gold, c.pred);
  timings.push({ ms: performance.now() - t, ...c });
}
const inlineMs = performance.now() - start;
console.log(`corpus, calling thread: ${corpus.length} cases in ${inlineMs.toFixed(0)} ms (${rate(corpus.length, inlineMs)})`);

await gradeCase('1', '1'); // start a worker before timing the pool
start = performance.now();
await Promise.all(corpus.map((c) => gradeCase(c.gold, c.pred)));
const poolMs = performance.now() - start;
console.log(`corpus, worker pool:    ${corpus.length} cases in ${poolMs.toFixed(0)} ms (${rate(corpus.length, poolMs)}), ${(inlineMs / poolMs).toFixed(2)}x the calling thread`);

console.log('slowest corpus cases (calling thread):');
for (const s of timings.sort((a, b) => b.ms - a.ms).slice(0, 5)) {
  console.log(`  ${s.ms.toFixed(1).padStart(7)} ms  gold ${JSON.stringify(s.gold).slice(0, 40)}  pred ${JSON.stringify(s.pred.slice(-50))}`);
}

const tasks = proceduralTasks(MathConfigSchema.parse({}), 1, 1000);
start = performance.now();
for (const t of tasks) gradeCaseInline(t.reference, `work\n#### ${t.wrongAnswers?.[0] ?? t.reference}`);
const procMs = performance.now() - start;
console.log(`procedural numeric answers: ${tasks.length} in ${procMs.toFixed(0)} ms (${rate(tasks.length, procMs)})`);

const n = Number(process.env['BENCH_GRADES'] ?? 100_000);
const before = heap();
start = performance.now();
for (let i = 0; i < n; i++) {
  const c = corpus[i % corpus.length] as { gold: string; pred: string };
  gradeCaseInline(c.gold, c.pred);
}
const memMs = performance.now() - start;
const after = heap();
console.log(`memory over ${n} grades: heap ${mb(before)} before, ${mb(after)} after (${(after / before).toFixed(2)}x), ${rate(n, memMs)}`);

start = performance.now();
const v = await gradeCase('x+1', '\\boxed{(a+b+c+d+1)^{12}}');
console.log(`pathological (a+b+c+d+1)^{12} vs x+1: ${v.rule}, equal=${v.equal}, ${(performance.now() - start).toFixed(0)} ms`);
await closeGradingPool();
