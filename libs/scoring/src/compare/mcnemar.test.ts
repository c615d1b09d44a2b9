import { describe, expect, it } from 'vitest';
import { mcnemarExact } from './mcnemar.js';

/** Two-sided exact binomial p-value by direct summation in big integers (the definition, independently). */
function reference(b: number, c: number): number {
  const n = BigInt(b + c);
  const m = BigInt(Math.min(b, c));
  let choose = 1n;
  let tail = 0n;
  for (let i = 0n; i <= m; i++) {
    tail += choose;
    choose = (choose * (n - i)) / (i + 1n);
  }
  return Math.min(1, (2 * Number(tail)) / 2 ** Number(n));
}

describe('mcnemarExact', () => {
  it('matches published exact p-values', () => {
    // b=1, c=9: 2 * (1 + 10) / 1024
    expect(mcnemarExact(1, 9).pValue).toBeCloseTo(0.021484375, 12);
    expect(mcnemarExact(9, 1).pValue).toBeCloseTo(0.021484375, 12);
    // b=0, c=6: 2 / 64
    expect(mcnemarExact(0, 6).pValue).toBeCloseTo(0.03125, 12);
    // b=0, c=5: 2 / 32 is not significant at 0.05
    expect(mcnemarExact(0, 5).pValue).toBeCloseTo(0.0625, 12);
  });

  it('is 1 without discordant pairs and when they balance', () => {
    expect(mcnemarExact(0, 0)).toEqual({ b: 0, c: 0, pValue: 1 });
    expect(mcnemarExact(7, 7).pValue).toBe(1);
  });

  it('agrees with exact big-integer sums and stays finite for large n', () => {
    for (const [b, c] of [[3, 12], [20, 35], [40, 41], [2, 30]] as const) expect(mcnemarExact(b, c).pValue).toBeCloseTo(reference(b, c), 12);
    const big = mcnemarExact(4000, 4200).pValue;
    expect(big).toBeGreaterThan(0);
    expect(big).toBeLessThan(0.05);
  });

  it('rejects counts that are not non-negative integers', () => {
    expect(() => mcnemarExact(-1, 2)).toThrow(/b must be an integer/);
    expect(() => mcnemarExact(1, 2.5)).toThrow(/c must be an integer/);
  });
});
