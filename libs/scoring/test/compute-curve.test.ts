import { EpisodeRecordSchema, parseCompute, Rng } from '@crucible/core';
import { describe, expect, it } from 'vitest';
import { type CurvePoint, bestPerDifficulty, computeCurve, createAccumulator, curveCost, paretoFrontier } from '../src/index.js';
import { episode } from './fixtures.js';

describe('computeCurve', () => {
  const records = [
    episode({
      taskId: 't1',
      point: 'vote4',
      samples: [
        { answer: '2', passed: true, tokens: 10 },
        { answer: '2', passed: true, tokens: 10 },
        { answer: '3', passed: false, tokens: 10 },
        { answer: '2', passed: true, tokens: 10 },
      ],
      costUsd: 0.004,
    }),
    episode({
      taskId: 't2',
      point: 'vote4',
      samples: [
        { answer: '5', passed: true, tokens: 20, wallMs: 300 },
        { answer: '6', passed: false, tokens: 20, wallMs: 300 },
        { answer: '6', passed: false, tokens: 20, wallMs: 300 },
        { passed: false, tokens: 20, wallMs: 300 },
      ],
      costUsd: 0.008,
    }),
    episode({ taskId: 't1', point: 'first', compute: parseCompute({ samples: 2, aggregate: 'first' }), samples: [{ passed: true }, { passed: false }] }),
    episode({ taskId: 't2', point: 'first', compute: parseCompute({ samples: 2, aggregate: 'first' }), samples: [{ passed: false }, { passed: false }] }),
  ];

  it('scores each point by its aggregate and scales per-sample cost to k', () => {
    const curve = computeCurve(records);
    const vote = curve.filter((c) => c.point === 'vote4');
    expect(vote.map((c) => c.k)).toEqual([1, 2, 4]);
    // maj@k by hand: t1 (3/4, 3/4, 1), t2 (1/4, 1/3, 0).
    expect(vote.map((c) => c.score)).toEqual([expect.closeTo(0.5, 12), expect.closeTo((0.75 + 1 / 3) / 2, 12), expect.closeTo(0.5, 12)]);
    // Per sample: tokens 10 and 20 -> 15; wall 100 and 300 -> 200; cost 0.001 and 0.002 -> 0.0015.
    expect(vote[1]).toMatchObject({ aggregate: 'vote', tasks: 2, tokens: 30, calls: 2, wallMs: 400, costUsd: expect.closeTo(0.003, 12) });
    expect(vote[2].tokens).toBe(60);
    expect(vote[1].ci.low).toBeLessThanOrEqual(vote[1].score);
    expect(vote[1].ci.high).toBeGreaterThanOrEqual(vote[1].score);
    const first = curve.filter((c) => c.point === 'first');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ k: 1, aggregate: 'first', score: 0.25 });
  });

  it('uses best@k for best-of points and has no cost when any episode is unpriced', () => {
    const best = [
      episode({ taskId: 't1', point: 'b', compute: parseCompute({ aggregate: 'best' }), samples: [{ passed: false, verify: 0.2 }, { passed: true, verify: 0.9 }], costUsd: null }),
    ];
    const curve = computeCurve(best);
    expect(curve.map((c) => [c.k, c.score])).toEqual([
      [1, 0.5],
      [2, 1],
    ]);
    expect(curve[0].costUsd).toBeNull();
    expect(paretoFrontier(curve, 'cost')).toEqual([]);
    expect(paretoFrontier(curve, 'tokens')).toHaveLength(2);
  });

  it('reads the aggregate of records stored with flat compute settings (before the groups)', () => {
    const stored = { ...episode({ taskId: 't1', point: 'b', samples: [{ passed: false, verify: 0.2 }, { passed: true, verify: 0.9 }] }), compute: { samples: 2, aggregate: 'best', maxSteps: 30 } };
    const [k1] = computeCurve([EpisodeRecordSchema.parse(stored)]);
    expect(k1).toMatchObject({ k: 1, aggregate: 'best', score: 0.5 });
  });
});

function point(score: number, tokens: number): CurvePoint {
  return { point: `p${tokens}`, k: 1, aggregate: 'vote', tasks: 1, score, ci: { low: score, high: score }, tokens, calls: 1, costUsd: null, wallMs: 1 };
}

const dominates = (a: CurvePoint, b: CurvePoint) => a.score >= b.score && a.tokens <= b.tokens && (a.score > b.score || a.tokens < b.tokens);

describe('paretoFrontier', () => {
  it('keeps the non-dominated points in order of cost', () => {
    const pts = [point(0.5, 10), point(0.4, 20), point(0.7, 30), point(0.7, 40), point(0.9, 100), point(0.3, 5)];
    expect(paretoFrontier(pts, 'tokens').map((p) => [p.score, p.tokens])).toEqual([
      [0.3, 5],
      [0.5, 10],
      [0.7, 30],
      [0.9, 100],
    ]);
  });

  it('holds no dominated point and drops only dominated or duplicate ones (random sets)', () => {
    const rng = new Rng('pareto');
    for (let trial = 0; trial < 100; trial++) {
      const pts = Array.from({ length: rng.int(1, 30) }, () => point(rng.int(0, 10) / 10, rng.int(1, 20)));
      const frontier = paretoFrontier(pts, 'tokens');
      for (const f of frontier) expect(pts.some((p) => dominates(p, f))).toBe(false);
      for (const p of pts) {
        if (frontier.includes(p)) continue;
        expect(frontier.some((f) => dominates(f, p) || (f.score === p.score && f.tokens === p.tokens))).toBe(true);
      }
      for (let i = 1; i < frontier.length; i++) expect(frontier[i].tokens).toBeGreaterThan(frontier[i - 1].tokens);
    }
    expect(() => paretoFrontier([], 'bogus' as 'tokens')).not.toThrow();
    expect(() => curveCost(point(1, 1), 'bogus' as 'tokens')).toThrow(/unknown cost key/);
  });
});

describe('bestPerDifficulty', () => {
  // Easy tasks are solved by any setting; the hard task needs a vote over many samples.
  const records = [
    episode({ taskId: 'easy', difficulty: 1, point: 'small', samples: [{ answer: 'a', passed: true, tokens: 10 }, { answer: 'a', passed: true, tokens: 10 }] }),
    episode({
      taskId: 'hard',
      difficulty: 3,
      point: 'small',
      samples: [
        { answer: 'x', passed: true, tokens: 10 },
        { answer: 'y', passed: false, tokens: 10 },
      ],
    }),
    episode({ taskId: 'easy', difficulty: 1, point: 'large', samples: Array.from({ length: 4 }, () => ({ answer: 'a', passed: true, tokens: 30 })) }),
    episode({
      taskId: 'hard',
      difficulty: 3,
      point: 'large',
      samples: [
        { answer: 'x', passed: true, tokens: 30 },
        { answer: 'x', passed: true, tokens: 30 },
        { answer: 'x', passed: true, tokens: 30 },
        { answer: 'y', passed: false, tokens: 30 },
      ],
    }),
    episode({ taskId: 'nodiff', point: 'small' }),
  ];

  it('picks the best score per difficulty, ties to the cheaper setting', () => {
    const choice = bestPerDifficulty(records, 'tokens');
    expect(choice.map((c) => c.difficulty)).toEqual([1, 3]);
    expect(choice[0].best).toMatchObject({ point: 'small', k: 1, score: 1, tokens: 10 });
    expect(choice[1].best).toMatchObject({ point: 'large', k: 4, score: 1, tokens: 120 });
    expect(choice[1].candidates).toBe(5);
  });

  it('respects a cost limit, and the accumulator gives the same answer', () => {
    const limited = bestPerDifficulty(records, 'tokens', { maxCost: 60 });
    // Within 60 tokens: small k=1 (0.5), small k=2 (0.5), large k=1 (0.75 at 30), large k=2 (maj@2 of x,x,x,y = 0.75 at 60).
    expect(limited[1].best).toMatchObject({ point: 'large', k: 1, score: expect.closeTo(0.75, 12) });
    expect(bestPerDifficulty(records, 'tokens', { maxCost: 1 })[0].best).toBeNull();
    const acc = createAccumulator();
    for (const r of records) acc.add(r);
    expect(acc.bestPerDifficulty('tokens', { maxCost: 60 })).toEqual(limited);
  });
});

describe('compute curve costs of a batched pool', () => {
  it('charges one prefill per request: a pool drawn with n=8 costs one call and one prompt at every k', () => {
    // 8 samples from one n=8 request: 800 prompt tokens split 100 each, the call on sample 0, 20 completion tokens each
    const record = episode({ samples: Array.from({ length: 8 }, (_, i) => ({ answer: '1', passed: true, tokens: 120, calls: i === 0 ? 1 : 0 })) });
    for (const s of record.samples) s.usage = { ...s.usage, promptTokens: 100, completionTokens: 20 };
    record.costUsd = 0.0096;
    const curve = computeCurve([record]);
    const at = (k: number) => curve.find((c) => c.k === k)!;
    expect(at(1).calls).toBe(1);
    expect(at(8).calls).toBe(1);
    expect(at(1).tokens).toBeCloseTo(800 + 20, 9);
    expect(at(8).tokens).toBeCloseTo(800 + 160, 9);
    expect(at(8).costUsd).toBeCloseTo(0.0096, 12);
    expect(at(1).costUsd).toBeCloseTo((0.0096 * 820) / 960, 12);
  });

  it('scales linearly when every sample was its own request', () => {
    const record = episode({ samples: Array.from({ length: 4 }, () => ({ answer: '1', passed: true, tokens: 50, calls: 1 })) });
    const curve = computeCurve([record]);
    expect(curve.map((c) => [c.k, c.calls, c.tokens])).toEqual([
      [1, 1, 50],
      [2, 2, 100],
      [4, 4, 200],
    ]);
  });
});
