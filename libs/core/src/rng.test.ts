import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';

describe('Rng', () => {
  it('is deterministic for a key', () => {
    const a = new Rng('x', 1, 2);
    const b = new Rng('x', 1, 2);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('seed s item i+1 differs from seed s+1 item i (keys are hashed, not added)', () => {
    for (let s = 0; s < 20; s++) {
      for (let i = 0; i < 20; i++) {
        expect(new Rng('task', s, i + 1).next()).not.toBe(new Rng('task', s + 1, i).next());
      }
    }
  });

  it('keeps values in range and is roughly uniform', () => {
    const rng = new Rng('uniform');
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      buckets[Math.floor(x * 10)]++;
    }
    for (const b of buckets) expect(b).toBeGreaterThan(850);
    const ints = new Set(Array.from({ length: 500 }, () => rng.int(3, 5)));
    expect([...ints].sort()).toEqual([3, 4, 5]);
  });

  it('weighted draws follow the weights', () => {
    const rng = new Rng('weights');
    const counts = [0, 0, 0];
    for (let i = 0; i < 6000; i++) counts[rng.weighted([1, 2, 3])]!++;
    expect(counts[0]!).toBeLessThan(counts[1]!);
    expect(counts[1]!).toBeLessThan(counts[2]!);
  });

  it('shuffle keeps the elements', () => {
    expect(new Rng('s').shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
