import { Rng } from '@crucible/core';
import { describe, expect, it } from 'vitest';
import { bestAtK } from '../src/index.js';
import { subsets } from './fixtures.js';

type Sample = { verifyValue?: number; passed: boolean };

/** best@k by enumerating every k-subset; ties share the pick equally. */
function bruteForce(samples: Sample[], k: number): number {
  let sum = 0;
  let count = 0;
  for (const idx of subsets(samples.length, k)) {
    const values = idx.map((i) => samples[i].verifyValue ?? -Infinity);
    const top = Math.max(...values);
    const tied = idx.filter((i) => (samples[i].verifyValue ?? -Infinity) === top);
    sum += tied.filter((i) => samples[i].passed).length / tied.length;
    count++;
  }
  return sum / count;
}

describe('bestAtK', () => {
  it('matches a hand-computed case', () => {
    const samples = [
      { verifyValue: 3, passed: false },
      { verifyValue: 2, passed: true },
      { verifyValue: 1, passed: true },
    ];
    expect(bestAtK(samples, 1)).toBeCloseTo(2 / 3, 15);
    // Of {3,2}, {3,1}, {2,1} only the last keeps a passing sample.
    expect(bestAtK(samples, 2)).toBeCloseTo(1 / 3, 15);
    expect(bestAtK(samples, 3)).toBe(0);
  });

  it('breaks ties uniformly and ranks missing verify values last', () => {
    const tie = [
      { verifyValue: 1, passed: true },
      { verifyValue: 1, passed: false },
    ];
    expect(bestAtK(tie, 2)).toBe(0.5);
    const missing = [{ passed: false }, { verifyValue: 0, passed: true }, { passed: false }];
    expect(bestAtK(missing, 3)).toBe(1);
    expect(bestAtK(missing, 2)).toBeCloseTo(2 / 3, 15);
    expect(bestAtK([{ passed: true }, { passed: false }], 2)).toBe(0.5);
  });

  it('matches brute-force enumeration on random pools', () => {
    const rng = new Rng('best-brute');
    for (let trial = 0; trial < 80; trial++) {
      const n = rng.int(1, 11);
      const samples: Sample[] = Array.from({ length: n }, () => {
        const passed = rng.chance(0.5);
        // Few distinct values, so ties are common; a good verifier mostly ranks passes higher.
        return rng.chance(0.2) ? { passed } : { verifyValue: rng.int(0, 3) + (passed ? 1 : 0), passed };
      });
      for (let k = 1; k <= n; k++) expect(bestAtK(samples, k)).toBeCloseTo(bruteForce(samples, k), 12);
    }
  });

  it('with a perfect verifier equals pass@k', () => {
    const samples = Array.from({ length: 2000 }, (_, i) => ({ verifyValue: i % 7 === 0 ? 1 : 0, passed: i % 7 === 0 }));
    const c = samples.filter((s) => s.passed).length;
    for (const k of [1, 10, 100, 1000, 2000]) {
      let fail = 1;
      for (let i = 2000 - c + 1; i <= 2000; i++) fail *= 1 - k / i;
      expect(bestAtK(samples, k)).toBeCloseTo(1 - fail, 10);
    }
  });
});
