import { isCrucibleError } from '@crucible/core';
import { describe, expect, it } from 'vitest';
import { normalQuantile, wilsonInterval, zFor } from '../src/index.js';

describe('wilsonInterval', () => {
  it('matches hand-computed intervals', () => {
    // 5/10, z = 1.96: centre 0.5, half-width 1.96 * sqrt(0.025 + 0.009604) / 1.38416 = 0.263401.
    const mid = wilsonInterval(5, 10);
    expect(mid.low).toBeCloseTo(0.236593, 5);
    expect(mid.high).toBeCloseTo(0.763407, 5);
    // 0/10: upper end z^2 / (n + z^2) = 3.8416 / 13.8416.
    expect(wilsonInterval(0, 10)).toEqual({ low: 0, high: expect.closeTo(3.8416 / 13.8416, 10) });
    expect(wilsonInterval(10, 10)).toEqual({ low: expect.closeTo(10 / 13.8416, 10), high: 1 });
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('holds the observed proportion and narrows as n grows', () => {
    let lastWidth = Infinity;
    for (const n of [10, 40, 160, 640]) {
      const s = Math.round(n * 0.3);
      const ci = wilsonInterval(s, n);
      expect(ci.low).toBeLessThanOrEqual(s / n);
      expect(ci.high).toBeGreaterThanOrEqual(s / n);
      expect(ci.high - ci.low).toBeLessThan(lastWidth);
      lastWidth = ci.high - ci.low;
    }
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(/successes/);
    try {
      wilsonInterval(-1, 10);
    } catch (err) {
      expect(isCrucibleError(err, 'user')).toBe(true);
    }
  });
});

describe('normalQuantile', () => {
  it('matches tabulated values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874, 8);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306, 8);
    expect(zFor(0.9)).toBeCloseTo(1.644853627, 8);
  });
});
