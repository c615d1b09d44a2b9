import { Rng } from '@crucible/core';
import { describe, expect, it } from 'vitest';
import { majAtK, majAtKFromGroups } from '../src/index.js';
import { choose, ratio, subsets } from './fixtures.js';

type Sample = { answer?: string; passed: boolean };

/** maj@k by enumerating every k-subset. */
function bruteForce(samples: Sample[], k: number): number {
  const pool = new Map<string, { n: number; passed: number }>();
  for (const s of samples) {
    if (!s.answer) continue;
    const c = pool.get(s.answer) ?? { n: 0, passed: 0 };
    c.n++;
    if (s.passed) c.passed++;
    pool.set(s.answer, c);
  }
  let sum = 0;
  let count = 0;
  for (const idx of subsets(samples.length, k)) {
    const chosen = idx.map((i) => samples[i]);
    const counts = new Map<string, number>();
    for (const s of chosen) if (s.answer) counts.set(s.answer, (counts.get(s.answer) ?? 0) + 1);
    count++;
    if (counts.size === 0) continue;
    const top = Math.max(...counts.values());
    const leaders = [...counts.keys()].filter((a) => counts.get(a) === top);
    sum += leaders.reduce((s, a) => s + (pool.get(a)?.passed ?? 0) / (pool.get(a)?.n ?? 1), 0) / leaders.length;
  }
  return sum / count;
}

function pool(spec: Array<[string | undefined, boolean, number]>): Sample[] {
  return spec.flatMap(([answer, passed, n]) => Array.from({ length: n }, () => (answer === undefined ? { passed } : { answer, passed })));
}

describe('majAtK', () => {
  it('splits a tie evenly: one right and one wrong answer', () => {
    const samples = pool([
      ['4', true, 1],
      ['5', false, 1],
    ]);
    expect(majAtK(samples, 1).value).toBe(0.5);
    expect(majAtK(samples, 2)).toEqual({ value: 0.5, method: 'exact' });
  });

  it('matches brute-force enumeration on random small pools', () => {
    const rng = new Rng('maj-brute');
    for (let trial = 0; trial < 100; trial++) {
      const n = rng.int(1, 11);
      const answers = ['a', 'b', 'c', 'd', undefined];
      // Several answers may be right (as with distinct correct programs), so equal-sized right groups occur.
      const right = new Set(answers.filter(() => rng.chance(0.4)));
      const samples: Sample[] = Array.from({ length: n }, () => {
        const answer = answers[rng.weighted([4, 3, 2, 2, 1])];
        return answer === undefined ? { passed: rng.chance(0.3) } : { answer, passed: right.has(answer) };
      });
      for (let k = 1; k <= n; k++) {
        const got = majAtK(samples, k, { method: 'exact' });
        expect(got.value).toBeCloseTo(bruteForce(samples, k), 11);
      }
    }
  });

  it('scores a mixed answer group by its pass fraction', () => {
    const samples: Sample[] = [
      { answer: 'x', passed: true },
      { answer: 'x', passed: false },
      { answer: 'x', passed: true },
      { answer: 'y', passed: false },
      { answer: 'z', passed: true },
    ];
    for (let k = 1; k <= 5; k++) expect(majAtK(samples, k).value).toBeCloseTo(bruteForce(samples, k), 12);
  });

  it('equals the plain majority at k = N and the fraction correct at k = 1', () => {
    const samples = pool([
      ['right', true, 7],
      ['wrong', false, 5],
      ['other', false, 3],
    ]);
    expect(majAtK(samples, 15).value).toBe(1);
    expect(majAtK(samples, 1).value).toBeCloseTo(7 / 15, 12);
    const lost = pool([
      ['right', true, 4],
      ['wrong', false, 6],
    ]);
    expect(majAtK(lost, 10).value).toBe(0);
  });

  it('falls with k when a wrong answer is modal', () => {
    const samples = pool([
      ['wrong', false, 12],
      ['right', true, 8],
      ['other', false, 4],
    ]);
    let last = Infinity;
    for (const k of [1, 3, 5, 9, 15, 23]) {
      const v = majAtK(samples, k).value;
      expect(v).toBeLessThan(last);
      last = v;
    }
    expect(majAtK(samples, 24).value).toBe(0);
  });

  it('lets abstentions fill subsets but never win', () => {
    const samples = pool([
      ['right', true, 1],
      [undefined, true, 3],
    ]);
    // The one answer wins whenever it is drawn: probability k / 4.
    for (let k = 1; k <= 4; k++) expect(majAtK(samples, k).value).toBeCloseTo(k / 4, 12);
    expect(majAtK(pool([[undefined, true, 3]]), 2).value).toBe(0);
  });

  it('agrees with Monte-Carlo subsampling, which is seeded', () => {
    const samples = pool([
      ['a', true, 9],
      ['b', false, 8],
      ['c', false, 3],
      [undefined, false, 2],
    ]);
    for (const k of [2, 5, 11]) {
      const exact = majAtK(samples, k, { method: 'exact' });
      const mc = majAtK(samples, k, { method: 'monte-carlo', draws: 20_000, seed: 4 });
      expect(mc.method).toBe('monte-carlo');
      expect(Math.abs(mc.value - exact.value)).toBeLessThan(4 * Math.sqrt(0.25 / 20_000));
      expect(majAtK(samples, k, { method: 'monte-carlo', draws: 500, seed: 4 })).toEqual(majAtK(samples, k, { method: 'monte-carlo', draws: 500, seed: 4 }));
    }
  });

  it('falls back to Monte-Carlo past the step budget and says so', () => {
    const samples = pool([
      ['a', true, 30],
      ['b', false, 30],
    ]);
    expect(majAtK(samples, 20).method).toBe('exact');
    expect(majAtK(samples, 20, { maxExactOps: 10 }).method).toBe('monte-carlo');
  });

  it('stays finite and right at N = 2000', () => {
    const groups = [
      { count: 900, passed: 900 },
      { count: 700, passed: 0 },
      { count: 250, passed: 0 },
      ...Array.from({ length: 100 }, () => ({ count: 1, passed: 0 })),
    ];
    let last = -1;
    for (const k of [1, 16, 256, 1024, 1999]) {
      const exact = majAtKFromGroups(groups, 50, k);
      expect(exact.method).toBe('exact');
      expect(exact.value).toBeGreaterThanOrEqual(last);
      last = exact.value;
      const mc = majAtKFromGroups(groups, 50, k, { method: 'monte-carlo', draws: 4000, seed: 1 });
      expect(Math.abs(mc.value - exact.value)).toBeLessThan(4 * Math.sqrt(0.25 / 4000));
    }
    expect(majAtKFromGroups(groups, 50, 1).value).toBeCloseTo(900 / 2000, 12);
    expect(majAtKFromGroups(groups, 50, 2000).value).toBe(1);
  });

  it('matches exact big-integer hypergeometric sums for two answers at N = 2000', () => {
    // Right answer a times, wrong answer b times: the right one wins with x > k - x, ties split evenly.
    const exactTwo = (a: number, b: number, k: number) => {
      let num = 0n;
      let tie = 0n;
      for (let x = 0; x <= k; x++) {
        const w = choose(BigInt(a), BigInt(x)) * choose(BigInt(b), BigInt(k - x));
        if (x > k - x) num += w;
        else if (x === k - x) tie += w;
      }
      return ratio(2n * num + tie, 2n * choose(BigInt(a + b), BigInt(k)));
    };
    for (const [a, b, k] of [
      [1010, 990, 999],
      [1010, 990, 1000],
      [1200, 800, 64],
      [700, 1300, 1500],
      [30, 1970, 7],
    ]) {
      const got = majAtKFromGroups(
        [
          { count: a, passed: a },
          { count: b, passed: 0 },
        ],
        0,
        k,
      );
      expect(got.method).toBe('exact');
      // Log-factorials near 1e4 carry ~1e-12 absolute error, so probabilities are right to ~1e-11.
      expect(Math.abs(got.value - exactTwo(a, b, k))).toBeLessThan(1e-10);
    }
  });
});
