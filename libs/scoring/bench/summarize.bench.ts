/**
 * Speed and memory of scoring (numbers only; no assertions). Run with `npm run bench -w libs/scoring`.
 * - the end of a run (`result()`, `curve()`, `bestPerDifficulty()`, what `finalizeRun` calls) over 20,000 records:
 *   its time and the accumulator's heap, side by side with the sources at BENCH_BASELINE (default `main`; `none` to skip), with the ratio, and whether
 *   both gave identical output;
 * - the streaming accumulator over 100k records; meanCi over 100k values; maj@k at large N.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createAccumulator, majAtKFromGroups, meanCi } from '../src/index.js';
import { baselineModule } from './baseline.js';
import { type RunShape, records } from './records.js';

type Scoring = typeof import('../src/index.js');

const gc = (globalThis as { gc?: () => void }).gc;
function heapMb(): number {
  // Twice: the first full collection can leave garbage that only the second frees (weak references, finalizers).
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}
const shapeText = (s: RunShape) => `${s.points} point${s.points > 1 ? 's' : ''} x ${s.tasks} tasks x ${s.epochs} epochs, N=${s.samples}`;

function endOfRun(scoring: Scoring, shape: RunShape): { ms: number; cpuMs: number; heldMb: number; digest: string } {
  const before = heapMb();
  const acc = scoring.createAccumulator();
  for (const r of records(shape)) acc.add(r);
  const held = heapMb() - before;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const output = JSON.stringify([acc.result(), acc.curve(), acc.bestPerDifficulty('tokens')]);
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - t0;
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, heldMb: held, digest: createHash('sha256').update(output).digest('hex') };
}

const SHAPES: RunShape[] = [
  { points: 1, tasks: 20_000, epochs: 1, samples: 1 },
  { points: 4, tasks: 1000, epochs: 5, samples: 8 },
];
// Each implementation and shape is measured in a process of its own, so neither one's garbage or caches count for the other.
const child = process.env['BENCH_END_OF_RUN'];
if (child) {
  const [which, index] = child.split(':') as [string, string];
  const scoring = which === 'now' ? await import('../src/index.js') : ((await baselineModule<Scoring>(new URL('..', import.meta.url)))?.module as Scoring);
  console.log(JSON.stringify(endOfRun(scoring, SHAPES[Number(index)] as RunShape)));
  process.exit(0);
}
const measure = (which: string, index: number): ReturnType<typeof endOfRun> => {
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], { env: { ...process.env, BENCH_END_OF_RUN: `${which}:${index}` }, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1) as string) as ReturnType<typeof endOfRun>;
};
const baseline = await baselineModule<Scoring>(new URL('..', import.meta.url));
SHAPES.forEach((shape, index) => {
  const now = measure('now', index);
  const line = `end of run, 20,000 records (${shapeText(shape)}): now ${now.cpuMs.toFixed(0)} ms CPU (${now.ms.toFixed(0)} ms wall), accumulator heap ${now.heldMb.toFixed(1)} MB`;
  if (!baseline) return console.log(line);
  const old = measure('baseline', index);
  console.log(
    `${line}; ${baseline.ref} ${old.cpuMs.toFixed(0)} ms CPU (${old.ms.toFixed(0)} ms wall), ${old.heldMb.toFixed(1)} MB; ` +
      `${(old.cpuMs / now.cpuMs).toFixed(2)}x less CPU, output ${old.digest === now.digest ? 'identical' : 'DIFFERENT'}`,
  );
});
if (!gc) console.log('(no --expose-gc: heap figures are rough)');

function scenario(fractional: boolean): void {
  const shape = { points: 5, tasks: 2000, epochs: 10, samples: 8, fractional };
  const before = heapMb();
  const acc = createAccumulator();
  let t0 = performance.now();
  let count = 0;
  for (const r of records(shape)) {
    acc.add(r);
    count++;
  }
  const addMs = performance.now() - t0;
  const held = heapMb() - before;
  t0 = performance.now();
  const summary = acc.result();
  const resultMs = performance.now() - t0;
  t0 = performance.now();
  const curve = acc.curve();
  const curveMs = performance.now() - t0;
  console.log(
    `summarize ${count} records (${shapeText(shape)}, ${fractional ? 'fractional' : '0/1'} scores): ` +
      `add ${addMs.toFixed(0)} ms, result ${resultMs.toFixed(0)} ms (${summary.kCurves.length} k-curve points), ` +
      `curve ${curveMs.toFixed(0)} ms (${curve.length} points), accumulator heap ~${held.toFixed(1)} MB`,
  );
}

scenario(false);
scenario(true);

const values = Array.from({ length: 100_000 }, (_, i) => (i % 7) / 7);
let t0 = performance.now();
meanCi(values);
console.log(`meanCi over 100k values, 2000 resamples: ${(performance.now() - t0).toFixed(0)} ms`);

const groups = [{ count: 900, passed: 900 }, { count: 700, passed: 0 }, { count: 250, passed: 0 }, ...Array.from({ length: 100 }, () => ({ count: 1, passed: 0 }))];
for (const k of [16, 256, 1024]) {
  for (const method of ['exact', 'monte-carlo'] as const) {
    t0 = performance.now();
    const r = majAtKFromGroups(groups, 50, k, { method });
    console.log(`maj@${k} of N=2000 (3 big answers, 100 singletons, 50 abstentions) ${method}: ${r.value.toFixed(6)} in ${(performance.now() - t0).toFixed(1)} ms`);
  }
}
const distinct = Array.from({ length: 256 }, (_, i) => ({ count: 1, passed: i < 64 ? 1 : 0 }));
for (const k of [64, 128]) {
  t0 = performance.now();
  const r = majAtKFromGroups(distinct, 0, k);
  console.log(`maj@${k} of 256 distinct answers (auto): ${r.value.toFixed(6)} by ${r.method} in ${(performance.now() - t0).toFixed(1)} ms`);
}
