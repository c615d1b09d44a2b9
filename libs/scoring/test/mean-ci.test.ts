import { Rng } from '@crucible/core';
import { describe, expect, it } from 'vitest';
import { clusterMeanCi, meanCi, wilsonInterval, zFor } from '../src/index.js';

describe('meanCi', () => {
  const rng = new Rng('test', 1);
  const uniform = Array.from({ length: 400 }, () => rng.next());

  it('is deterministic for a seed and changes with the seed', () => {
    const a = meanCi(uniform, { seed: 7 });
    expect(meanCi(uniform, { seed: 7 })).toEqual(a);
    expect(meanCi(uniform, { seed: 8 }).low).not.toBe(a.low);
  });

  it('agrees with the normal-theory interval on a large sample', () => {
    const ci = meanCi(uniform, { seed: 3, resamples: 4000 });
    const mean = uniform.reduce((s, v) => s + v, 0) / uniform.length;
    const sd = Math.sqrt(uniform.reduce((s, v) => s + (v - mean) ** 2, 0) / (uniform.length - 1));
    const half = (1.959964 * sd) / Math.sqrt(uniform.length);
    expect(ci.mean).toBeCloseTo(mean, 12);
    expect(ci.low).toBeCloseTo(mean - half, 2);
    expect(ci.high).toBeCloseTo(mean + half, 2);
    expect(ci.wilson).toBeUndefined();
  });

  it('widens with the confidence level', () => {
    const narrow = meanCi(uniform, { confidence: 0.8 });
    const wide = meanCi(uniform, { confidence: 0.99 });
    expect(wide.high - wide.low).toBeGreaterThan(narrow.high - narrow.low);
  });

  it('adds the Wilson interval for 0/1 values', () => {
    const values = [1, 1, 0, 1, 0, 0, 0, 1, 1, 1];
    const ci = meanCi(values, { confidence: 0.9 });
    expect(ci.mean).toBe(0.6);
    expect(ci.wilson).toEqual(wilsonInterval(6, 10, zFor(0.9)));
  });

  it('handles degenerate inputs', () => {
    expect(meanCi([0.1, 0.1, 0.1])).toMatchObject({ mean: expect.closeTo(0.1, 15), low: expect.closeTo(0.1, 15), high: expect.closeTo(0.1, 15) });
    const empty = meanCi([]);
    expect(empty.n).toBe(0);
    expect(empty.mean).toBeNaN();
    expect(() => meanCi([1], { confidence: 1 })).toThrow(/confidence/);
  });
});

describe('clusterMeanCi', () => {
  it('equals meanCi with one value per cluster, and over cluster means when clusters are uniform', () => {
    const values = [0.2, 0.9, 0.4, 0.4, 1, 0];
    const plain = meanCi(values, { seed: 1 });
    expect(clusterMeanCi(values, values.map(() => 1), { seed: 1 })).toEqual({ n: 6, mean: plain.mean, low: plain.low, high: plain.high });
    const tripled = clusterMeanCi(
      values.map((v) => 3 * v),
      values.map(() => 3),
      { seed: 1 },
    );
    expect(tripled).toMatchObject({ n: 18, mean: expect.closeTo(plain.mean, 12), low: expect.closeTo(plain.low, 12), high: expect.closeTo(plain.high, 12) });
  });

  it('weights clusters by their size in the point estimate', () => {
    // Cluster A: two values summing to 2 (mean 1); cluster B: one value 0. Episode mean 2/3, not 1/2.
    expect(clusterMeanCi([2, 0], [2, 1]).mean).toBeCloseTo(2 / 3, 15);
  });
});
