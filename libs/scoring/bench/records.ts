import { type EpisodeRecord, parseCompute, Rng, type SampleRecord } from '@crucible/core';

/** The shape of a synthetic run: points x tasks x epochs episodes of `samples` samples each. */
export interface RunShape {
  points: number;
  tasks: number;
  epochs: number;
  samples: number;
  /** Episode scores in (0, 1) instead of 0/1. */
  fractional?: boolean;
}

/** Synthetic episode records of a run (deterministic), with difficulties, families, answers and verify values. */
export function* records(shape: RunShape): Generator<EpisodeRecord> {
  const rng = new Rng('bench');
  const { points, tasks, epochs, samples: n } = shape;
  for (let p = 0; p < points; p++) {
    for (let t = 0; t < tasks; t++) {
      const skill = ((t % 10) + p) / 15;
      for (let e = 0; e < epochs; e++) {
        const samples: SampleRecord[] = Array.from({ length: n }, (_, i) => {
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
        const value = shape.fractional ? rng.next() : (samples[0] as SampleRecord).score.value;
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
          // Grouped settings as records hold them, plus the flat names a pre-split BENCH_BASELINE reads.
          compute: Object.assign(parseCompute({ samples: n, aggregate: 'vote' }), { samples: n, aggregate: 'vote' }),
          epoch: e,
          seed: 1,
          status: 'ok',
          exitReason: 'submitted',
          score: { value, passed: value === 1, details: {} },
          samples,
          usage: { calls: n, promptTokens: 200 * n, completionTokens: 50 * n, cachedTokens: 0, reasoningTokens: 0 },
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
