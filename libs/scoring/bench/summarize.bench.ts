/**
 * Speed and memory of the streaming accumulator over 100k synthetic records, and of maj@k at large N.
 * Prints numbers only; run with `npm run bench -w libs/scoring` (add --expose-gc to NODE_OPTIONS for exact heap figures).
 */
import { type EpisodeRecord, parseCompute, Rng, type SampleRecord } from '@crucible/core';
import { createAccumulator, majAtKFromGroups, meanCi } from '../src/index.js';

const POINTS = 5;
const TASKS = 2000;
const EPOCHS = 10;
const N = 8;

function* records(fractional: boolean): Generator<EpisodeRecord> {
  const rng = new Rng('bench');
  for (let p = 0; p < POINTS; p++) {
    for (let t = 0; t < TASKS; t++) {
      const skill = ((t % 10) + p) / 15;
      for (let e = 0; e < EPOCHS; e++) {
        const samples: SampleRecord[] = Array.from({ length: N }, (_, i) => {
          const passed = rng.chance(skill);
          return {
            index: i,
            exitReason: 'submitted',
            score: { value: passed ? 1 : 0, passed, answer: passed ? 'right' : `wrong${rng.int(0, 3)}`, details: {} },
            verify: { passed, value: rng.next() + (passed ? 0.3 : 0) },
            usage: { calls: 1, promptTokens: 200, completionTokens: 50, cachedTokens: 0, reasoningTokens: 0 },
            steps: 1,
            invalidActions: 0,
            revisions: 0,
            wallMs: 100,
          };
        });
        const value = fractional ? rng.next() : samples[0].score.value;
        yield {
          format: 2,
          id: `e${p}-${t}-${e}`,
          runId: 'bench',
          env: { name: 'math', version: '1' },
          taskId: `task-${t}`,
          difficulty: (t % 5) + 1,
          family: `f${t % 7}`,
          model: { name: 'sim', testDouble: true },
          point: `p${p}`,
          compute: parseCompute({ samples: N, aggregate: 'vote' }),
          epoch: e,
          seed: 1,
          status: 'ok',
          exitReason: 'submitted',
          score: { value, passed: value === 1, details: {} },
          samples,
          usage: { calls: N, promptTokens: 200 * N, completionTokens: 50 * N, cachedTokens: 0, reasoningTokens: 0 },
          costUsd: 0.001,
          wallMs: 100,
          steps: 1,
          invalidActions: 0,
          startedAt: '',
          finishedAt: '',
        };
      }
    }
  }
}

const gc = (globalThis as { gc?: () => void }).gc;
function heapMb(): number {
  gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

function scenario(fractional: boolean): void {
  const before = heapMb();
  const acc = createAccumulator();
  let t0 = performance.now();
  let count = 0;
  for (const r of records(fractional)) {
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
    `summarize ${count} records (${POINTS} points x ${TASKS} tasks x ${EPOCHS} epochs, N=${N}, ${fractional ? 'fractional' : '0/1'} scores): ` +
      `add ${addMs.toFixed(0)} ms, result ${resultMs.toFixed(0)} ms (${summary.kCurves.length} k-curve points), ` +
      `curve ${curveMs.toFixed(0)} ms (${curve.length} points), accumulator heap ~${held.toFixed(1)} MB${gc ? '' : ' (no --expose-gc: rough)'}`,
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
