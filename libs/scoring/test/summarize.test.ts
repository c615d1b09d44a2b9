import { EpisodeRecordSchema, parseCompute, type EpisodeRecord, isCrucibleError } from '@crucible/core';
import { describe, expect, it } from 'vitest';
import { createAccumulator, meanCi, passAtK, summarize, wilsonInterval, zFor } from '../src/index.js';
import { episode } from './fixtures.js';

/** Point n4: three tasks, four votes each; t3's episode failed. Point n1: one sample per task. */
function run(): EpisodeRecord[] {
  return [
    episode({
      taskId: 't1',
      point: 'n4',
      difficulty: 1,
      family: 'alg',
      samples: [
        { answer: '2', passed: true, verify: 0.9 },
        { answer: '2', passed: true, verify: 0.8 },
        { answer: '3', passed: false, verify: 0.95 },
        { answer: '2', passed: true, verify: 0.1 },
      ],
      score: { value: 1, passed: true, answer: '2', details: {} },
    }),
    episode({
      taskId: 't2',
      point: 'n4',
      difficulty: 1,
      family: 'geo',
      samples: [{ answer: '5', passed: true }, { answer: '6', passed: false }, { answer: '6', passed: false }, { passed: false }],
      score: { value: 0, passed: false, answer: '6', details: {} },
      exitReason: 'submitted',
    }),
    episode({
      taskId: 't3',
      point: 'n4',
      difficulty: 2,
      family: 'alg',
      status: 'error',
      exitReason: 'env_error',
      samples: [],
      costUsd: null,
      score: { value: 0, passed: false, details: {} },
      error: { code: 'env_error', message: 'boom' },
    }),
    episode({ taskId: 't1', point: 'n1', compute: parseCompute({ samples: 1, aggregate: 'first' }), samples: [{ answer: '2', passed: true }] }),
    episode({ taskId: 't2', point: 'n1', compute: parseCompute({ samples: 1, aggregate: 'first' }), samples: [{ answer: '6', passed: false }] }),
  ];
}

describe('summarize', () => {
  it('uses schema-valid fixtures', () => {
    for (const r of run()) expect(EpisodeRecordSchema.parse(r)).toEqual(r);
  });

  it('counts episodes, passes, errors, exit reasons, usage and cost per point', () => {
    const summary = summarize(run());
    expect(summary.testDouble).toBe(true);
    expect(summary.episodes).toBe(5);
    expect(summary.overall).toBeNull();
    expect(summary.points.map((p) => p.point)).toEqual(['n4', 'n1']);
    const n4 = summary.points[0];
    expect(n4).toMatchObject({ tasks: 3, episodes: 3, passed: 1, errors: 1, exitReasons: { submitted: 2, env_error: 1 } });
    expect(n4.compute).toEqual(parseCompute({ samples: 4, aggregate: 'vote' }));
    // The error episode is not a wrong answer: accuracy is over the two scored episodes, the error stands apart.
    expect(n4).toMatchObject({ scored: 2, errorRate: 1 / 3 });
    expect(n4.accuracy).toEqual({ n: 2, mean: 1 / 2, method: 'wilson', ...wilsonInterval(1, 2, zFor(0.95)) });
    expect(n4.usage.total).toEqual({ calls: 8, promptTokens: 64, completionTokens: 16, cachedTokens: 0, reasoningTokens: 0, totalTokens: 80 });
    expect(n4.usage.perEpisode.totalTokens).toBeCloseTo(80 / 3, 12);
    expect(n4.meanWallMs).toBe(100);
    expect(n4.cost).toEqual({ totalUsd: null, knownUsd: expect.closeTo(0.008, 12), unknownEpisodes: 1 });
    expect(n4.byDifficulty.map((d) => [d.difficulty, d.episodes, d.accuracy.mean])).toEqual([[1, 2, 0.5]]);
    expect(n4.byFamily.map((f) => [f.family, f.episodes, f.accuracy.mean])).toEqual([
      ['alg', 1, 1],
      ['geo', 1, 0],
    ]);
    expect(summary.points[1].cost.totalUsd).toBeCloseTo(0.002, 12);
  });

  it('builds k-curves from the sample pools, leaving failed episodes out', () => {
    const curves = summarize(run()).kCurves;
    const n4 = curves.filter((c) => c.point === 'n4');
    expect(n4.map((c) => c.k)).toEqual([1, 2, 4]);
    expect(n4.every((c) => c.tasks === 2)).toBe(true);
    // t1: 3 of 4 pass, t2: 1 of 4.
    for (const c of n4) expect(c.passAtK.mean).toBeCloseTo((passAtK(4, 3, c.k) + passAtK(4, 1, c.k)) / 2, 12);
    // Hand-enumerated maj@k: t1 (3, 3/4, 1) for k = 1, 2, 4 and t2 (1/4, 1/3, 0).
    expect(n4.map((c) => c.majAtK.mean)).toEqual([expect.closeTo(0.5, 12), expect.closeTo((0.75 + 1 / 3) / 2, 12), expect.closeTo(0.5, 12)]);
    expect(n4.every((c) => c.majMethod.exact === 2 && c.majMethod.monteCarlo === 0)).toBe(true);
    // best@k: t1 by verify (3/4, 1/2, 0), t2 has no verify values so a random pick (1/4).
    expect(n4.map((c) => c.bestAtK?.mean)).toEqual([expect.closeTo(0.5, 12), expect.closeTo(0.375, 12), expect.closeTo(0.125, 12)]);
    expect(n4[1].passAtK.method).toBe('bootstrap');
    const n1 = curves.filter((c) => c.point === 'n1');
    expect(n1).toHaveLength(1);
    expect(n1[0]).toMatchObject({ k: 1, tasks: 2, bestAtK: null, passAtK: { mean: 0.5 } });
  });

  it('gives the one point as overall, and sim false for real-model runs', () => {
    const records = run()
      .filter((r) => r.point === 'n1')
      .map((r) => ({ ...r, model: { name: 'gpt', testDouble: false } }));
    const summary = summarize(records);
    expect(summary.testDouble).toBe(false);
    expect(summary.overall).toEqual(summary.points[0]);
  });

  it('bootstraps accuracy over tasks when scores are fractional', () => {
    const values = [1, 0, 1, 0.5, 0.25];
    const records = values.map((value, i) => episode({ taskId: `t${i}`, score: { value, passed: value === 1, details: {} } }));
    const acc = summarize(records, { seed: 9 }).points[0].accuracy;
    expect(acc.method).toBe('bootstrap');
    expect(acc.mean).toBeCloseTo(0.55, 12);
    // One episode per task: the task bootstrap is the plain bootstrap over the values.
    const ci = meanCi(values, { seed: 9 });
    expect([acc.low, acc.high]).toEqual([ci.low, ci.high]);
    // A second, identical epoch of every task adds no information: the interval stays the same.
    const twice = summarize([...records, ...records.map((r) => ({ ...r, epoch: 1 }))], { seed: 9 }).points[0].accuracy;
    expect(twice).toMatchObject({ n: 10, mean: expect.closeTo(0.55, 12), low: expect.closeTo(ci.low, 12), high: expect.closeTo(ci.high, 12) });
  });

  it('streams: an accumulator fed one record at a time gives the same summary', () => {
    const acc = createAccumulator({ seed: 5 });
    for (const r of run()) acc.add(r);
    expect(acc.result()).toEqual(summarize(run(), { seed: 5 }));
    expect(summarize(run(), { seed: 5 })).toEqual(summarize(run(), { seed: 5 }));
  });

  it('refuses records of an unknown format', () => {
    const bad = { ...episode(), format: 3 } as unknown as EpisodeRecord;
    let caught: unknown;
    try {
      summarize([bad]);
    } catch (err) {
      caught = err;
    }
    expect(isCrucibleError(caught, 'user')).toBe(true);
    expect(String((caught as Error).message)).toMatch(/format 3/);
    const older = { ...episode(), format: 1 } as unknown as EpisodeRecord;
    expect(() => summarize([older])).toThrow(/episode format 1 was written by an older Crucible; re-run it/);
  });
  it('leaves samples the endpoint failed out of the pool: they are not wrong samples', () => {
    const r = episode({ taskId: 't1', samples: [{ answer: '2', passed: true }, { passed: false }, { answer: '2', passed: true }] });
    r.samples[1]!.exitReason = 'model_error';
    const [k1, k2] = summarize([r]).kCurves;
    expect(k2).toMatchObject({ k: 2, tasks: 1 });
    expect(k1.passAtK.mean).toBe(1);
    expect(k2.majAtK.mean).toBe(1);
  });
});
