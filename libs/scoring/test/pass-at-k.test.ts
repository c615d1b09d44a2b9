import { Rng, isCrucibleError } from '@crucible/core';
import { describe, expect, it } from 'vitest';
import { passAtK } from '../src/index.js';
import { choose, ratio } from './fixtures.js';

/** Exact 1 - C(n-c, k) / C(n, k) from big integers, and the failure ratio itself. */
function exact(n: number, c: number, k: number): { pass: number; fail: number } {
  const den = choose(BigInt(n), BigInt(k));
  const num = choose(BigInt(n - c), BigInt(k));
  return { pass: ratio(den - num, den), fail: ratio(num, den) };
}

describe('passAtK', () => {
  it('matches hand-computed values and edge cases', () => {
    expect(passAtK(2, 1, 1)).toBe(0.5);
    expect(passAtK(4, 2, 2)).toBeCloseTo(5 / 6, 15);
    expect(passAtK(10, 3, 1)).toBeCloseTo(0.3, 15);
    expect(passAtK(10, 0, 5)).toBe(0);
    expect(passAtK(10, 6, 5)).toBe(1);
    expect(passAtK(1, 1, 1)).toBe(1);
  });

  it('matches exact big-integer arithmetic, including n = 2000', () => {
    const cases: Array<[number, number, number]> = [
      [20, 5, 3],
      [100, 1, 1],
      [100, 1, 50],
      [200, 37, 16],
      [2000, 1, 1],
      [2000, 1, 1000],
      [2000, 3, 1024],
      [2000, 10, 1],
      [2000, 10, 128],
      [2000, 500, 7],
      [2000, 1000, 512],
      [2000, 1990, 10],
      [2000, 1999, 1],
    ];
    for (const [n, c, k] of cases) {
      const got = passAtK(n, c, k);
      const want = exact(n, c, k);
      expect(Number.isFinite(got)).toBe(true);
      expect(Math.abs(got - want.pass)).toBeLessThan(1e-12);
      // Where the miss chance is not lost to rounding in 1 - fail, it is right to many digits too.
      if (want.fail > 1e-4) expect(Math.abs(1 - got - want.fail) / want.fail).toBeLessThan(1e-9);
    }
  });

  it('lies in [0, 1] and never falls as k grows', () => {
    const rng = new Rng('pass-at-k-property');
    for (let trial = 0; trial < 200; trial++) {
      const n = rng.int(1, 300);
      const c = rng.int(0, n);
      let last = -1;
      for (let k = 1; k <= n; k++) {
        const v = passAtK(n, c, k);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        expect(v).toBeGreaterThanOrEqual(last - 1e-15);
        last = v;
      }
      expect(passAtK(n, c, 1)).toBeCloseTo(c / n, 12);
    }
  });

  it('rejects k outside 1..n with a user error', () => {
    for (const [n, c, k] of [
      [5, 2, 6],
      [5, 6, 1],
      [5, 2, 0],
      [5, 2.5, 1],
    ]) {
      let caught: unknown;
      try {
        passAtK(n, c, k);
      } catch (err) {
        caught = err;
      }
      expect(isCrucibleError(caught, 'user')).toBe(true);
    }
  });
});
