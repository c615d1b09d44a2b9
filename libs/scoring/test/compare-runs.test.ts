import { isCrucibleError } from '@crucible/core';
import { describe, expect, it } from 'vitest';
import { compareRuns, meanCi } from '../src/index.js';
import { episode } from './fixtures.js';

const scored = (taskId: string, value: number, epoch = 0, point = 'p') => episode({ taskId, epoch, point, score: { value, passed: value === 1, details: {} } });

describe('compareRuns', () => {
  const a = [scored('t1', 1), scored('t2', 0), scored('t3', 1), scored('t3', 0, 1), scored('t4', 1)];
  const b = [scored('t1', 1), scored('t2', 1), scored('t3', 0), scored('t5', 0)];

  it('pairs tasks and counts wins, losses and ties', () => {
    const cmp = compareRuns(a, b, { seed: 2 });
    expect(cmp).toMatchObject({ shared: 3, onlyA: 1, onlyB: 1, meanA: 0.5, meanB: 2 / 3, bWins: 1, aWins: 1, ties: 1 });
    // Diffs b - a per task: t1 0, t2 1, t3 -0.5 (a's two epochs average 0.5).
    const ci = meanCi([0, 1, -0.5], { seed: 2 });
    expect(cmp.diff).toEqual({ n: 3, mean: ci.mean, low: ci.low, high: ci.high, method: 'bootstrap' });
    expect(cmp.diff.mean).toBeCloseTo(1 / 6, 12);
    expect(compareRuns(a, b, { seed: 2 })).toEqual(cmp);
  });

  it('can compare chosen points', () => {
    const sweep = [scored('t1', 0, 0, 'low'), scored('t1', 1, 0, 'high')];
    expect(compareRuns(sweep, sweep, { pointA: 'low', pointB: 'high' })).toMatchObject({ shared: 1, bWins: 1, diff: { mean: 1 } });
  });

  it('refuses runs without shared tasks', () => {
    let caught: unknown;
    try {
      compareRuns([scored('x', 1)], [scored('y', 1)]);
    } catch (err) {
      caught = err;
    }
    expect(isCrucibleError(caught)).toBe(true);
    expect((caught as { code: string }).code).toBe('run_mismatch');
  });
});
