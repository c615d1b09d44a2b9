/**
 * Grading speed and memory (numbers only; no assertions):
 * - `gradeCase` on numeric answers (a mock model's `#### 42` against procedural references, and right answers):
 *   the calling-thread fast path against the worker path every case took before it, cases/s and CPU per case
 *   (all threads), with the ratios; and how much of the public corpus the fast path takes;
 * - cases/second over the public corpus, on the calling thread and through the worker pool;
 * - the slowest corpus cases;
 * - heap before/after N grades (BENCH_GRADES, default 100000), with a fresh engine every few hundred parses;
 * - the time to a verdict on a pathological expansion.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { closeGradingPool, gradeCase, gradeCaseInline, proceduralTasks } from '../src/index.js';
import { gradeFastPath } from '../src/grade-fast-path.js';
import { DEFAULT_GRADE_TIMEOUT_MS, gradeInWorker } from '../src/pool/grade-pool.js';
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

// gradeCase as episodes call it (64 at a time), against every case through a worker (what gradeCase did before).
const numeric = proceduralTasks(MathConfigSchema.parse({}), 7, 2000).flatMap((t) => [
  { gold: t.reference, pred: 'The answer is 42.\n#### 42' },
  { gold: t.reference, pred: `So the answer is $\\boxed{${t.reference}}$.` },
]);
async function throughput(grade: (gold: string, pred: string) => Promise<unknown>): Promise<{ rate: number; cpuUs: number }> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < numeric.length) {
        const c = numeric[next++] as { gold: string; pred: string };
        await grade(c.gold, c.pred);
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return { rate: (numeric.length * 1000) / (performance.now() - t0), cpuUs: (cpu.user + cpu.system) / numeric.length };
}
await gradeInWorker('1', '1', DEFAULT_GRADE_TIMEOUT_MS); // workers started and loaded before timing
await throughput((g, p) => gradeCase(g, p)); // warm-up of both paths' code
await throughput((g, p) => gradeInWorker(g, p, DEFAULT_GRADE_TIMEOUT_MS));
const viaWorker = await throughput((g, p) => gradeInWorker(g, p, DEFAULT_GRADE_TIMEOUT_MS));
const viaFast = await throughput((g, p) => gradeCase(g, p));
const taken = numeric.filter((c) => gradeFastPath(c.gold, c.pred) !== null).length;
console.log(`numeric answers, ${numeric.length} cases (${taken} on the fast path), 64 at a time:`);
console.log(`  worker path (before):    ${viaWorker.rate.toFixed(0)} cases/s, ${viaWorker.cpuUs.toFixed(0)} us CPU per case (all threads)`);
console.log(`  gradeCase fast path:     ${viaFast.rate.toFixed(0)} cases/s, ${viaFast.cpuUs.toFixed(0)} us CPU per case (all threads)`);
console.log(`  ratio: ${(viaFast.rate / viaWorker.rate).toFixed(2)}x the throughput, ${(viaWorker.cpuUs / viaFast.cpuUs).toFixed(2)}x less CPU per case`);
for (const file of ['grading-cases.jsonl', 'second-opinion.jsonl']) {
  const cases = readFileSync(new URL(`../test/corpus/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { gold: string; pred: string });
  console.log(`corpus ${file}: the fast path takes ${cases.filter((c) => gradeFastPath(c.gold, c.pred) !== null).length} of ${cases.length} cases`);
}

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

start = performance.now();
await Promise.all(corpus.map((c) => gradeCase(c.gold, c.pred)));
const poolMs = performance.now() - start;
console.log(`corpus, gradeCase (fast path + worker pool): ${corpus.length} cases in ${poolMs.toFixed(0)} ms (${rate(corpus.length, poolMs)}), ${(inlineMs / poolMs).toFixed(2)}x the calling thread`);

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
