import { Rng } from '@crucible/core';
import { describe, expect, it } from 'vitest';
import { meanCi, pairedMeanCis, quantileSorted } from '../src/mean-ci.js';

// The bootstrap as it was before columns were memoized and batched: one column, its own stream, every draw.
function reference(values: readonly number[], seed: number, resamples: number, confidence: number) {
  const rng = new Rng('scoring.meanCi', seed);
  const n = values.length;
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[(rng.next() * n) | 0] as number;
    means[r] = s / n;
  }
  means.sort();
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const alpha = 1 - confidence;
  return { n, mean, low: Math.min(mean, quantileSorted(means, alpha / 2)), high: Math.max(mean, quantileSorted(means, 1 - alpha / 2)) };
}

describe('pairedMeanCis (memoized, batched)', () => {
  const rng = new Rng('paired-mean-cis-test');
  const column = (n: number, kind: number) =>
    Array.from({ length: n }, () => (kind === 0 ? (rng.chance(0.3) ? 1 : 0) : kind === 1 ? rng.int(0, 4) / 4 : rng.next() * 10 - 5));

  it('gives every column exactly the interval of the one-column bootstrap, on random inputs', () => {
    for (let trial = 0; trial < 12; trial++) {
      const n = rng.int(1, 300);
      const seed = rng.int(0, 1000);
      const resamples = rng.int(1, 400);
      const confidence = rng.pick([0.8, 0.9, 0.95, 0.99]);
      const columns = Array.from({ length: rng.int(1, 9) }, (_, c) => column(n, (trial + c) % 3));
      // A repeated column is computed once and still reported in its place.
      if (trial % 2 === 0) columns.push(columns[0] as number[]);
      const got = pairedMeanCis(columns, { seed, resamples, confidence });
      expect(got).toEqual(columns.map((c) => reference(c, seed, resamples, confidence)));
      // A second call (served from the memo) is the same, and what it returns is a copy.
      const again = pairedMeanCis(columns, { seed, resamples, confidence });
      expect(again).toEqual(got);
      again[0]!.low = 42;
      expect(pairedMeanCis(columns, { seed, resamples, confidence })[0]).toEqual(got[0]);
    }
  });

  it('keeps options apart: another seed, resample count or confidence is another interval', () => {
    const values = column(200, 2);
    const base = meanCi(values, { seed: 1, resamples: 300 });
    expect(meanCi(values, { seed: 2, resamples: 300 }).low).not.toBe(base.low);
    expect(meanCi(values, { seed: 1, resamples: 301 }).low).not.toBe(base.low);
    expect(meanCi(values, { seed: 1, resamples: 300, confidence: 0.8 }).low).not.toBe(base.low);
    expect(meanCi(values, { seed: 1, resamples: 300 })).toEqual(base);
  });
});
