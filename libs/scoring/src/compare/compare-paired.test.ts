import { Rng, isCrucibleError, type EpisodeRecord } from '@crucible/core';
import { describe, expect, it } from 'vitest';
import { episode } from '../../test/fixtures.js';
import { comparePaired } from './compare-paired.js';
import { gateComparison, parseFloor } from './gate.js';
import { runSideOf } from './run-side.js';

const ep = (taskId: string, passed: boolean, extra: Partial<Omit<EpisodeRecord, 'samples'>> = {}) =>
  episode({ taskId, score: { value: passed ? 1 : 0, passed, details: {} }, samples: [{ answer: passed ? 'r' : 'w', passed }], ...extra });

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('comparePaired', () => {
  it('lists flipped tasks both ways and tests them with McNemar', () => {
    const verdicts = [
      [true, true],
      [true, false],
      [false, true],
      [false, true],
      [false, false],
    ] as const;
    const base = runSideOf(verdicts.map(([a], i) => ep(`t${i}`, a)));
    const next = runSideOf(verdicts.map(([, b], i) => ep(`t${i}`, b)));
    const [s] = comparePaired(base, next).settings;
    expect(s!.flips).toEqual({ passToFail: ['t1'], failToPass: ['t2', 't3'] });
    expect(s!.mcnemar).toEqual({ b: 1, c: 2, pValue: 1 });
    expect(s!.accuracy).toMatchObject({ metric: 'accuracy', base: 0.4, new: 0.6 });
    expect(s!.accuracy.diff.mean).toBeCloseTo(0.2, 12);
    expect(s!.tasks).toBe(5);
  });

  it("a run against itself has no flips, a zero difference and p = 1", () => {
    const records = Array.from({ length: 30 }, (_, i) => ep(`t${i}`, i % 3 !== 0));
    const s = comparePaired(runSideOf(records), runSideOf(records)).settings[0]!;
    expect(s.flips).toEqual({ passToFail: [], failToPass: [] });
    expect(s.accuracy.diff).toMatchObject({ mean: 0, low: 0, high: 0 });
    expect(s.mcnemar.pValue).toBe(1);
    expect(gateComparison(comparePaired(runSideOf(records), runSideOf(records))).pass).toBe(true);
  });

  it('has a paired bootstrap interval that holds the true difference and is reproducible by seed', () => {
    // 400 tasks: base passes with p=0.7, new with p=0.55, independently; the true difference is -0.15.
    const rng = new Rng('compare-test', 7);
    const base: EpisodeRecord[] = [];
    const next: EpisodeRecord[] = [];
    for (let i = 0; i < 400; i++) {
      base.push(ep(`t${i}`, rng.chance(0.7)));
      next.push(ep(`t${i}`, rng.chance(0.55)));
    }
    const cmp = comparePaired(runSideOf(base), runSideOf(next), { seed: 3 });
    const diff = cmp.settings[0]!.accuracy.diff;
    expect(diff.low).toBeLessThan(-0.15);
    expect(diff.high).toBeGreaterThan(-0.15);
    expect(diff.high).toBeLessThan(0);
    expect(comparePaired(runSideOf(base), runSideOf(next), { seed: 3 })).toEqual(cmp);
    const verdict = gateComparison(cmp, { alpha: 0.05 });
    expect(verdict.pass).toBe(false);
    expect(verdict.regressions[0]!.pValue).toBeLessThan(0.05);
    // The same drop is tolerated when it is within --max-drop.
    expect(gateComparison(cmp, { maxDrop: 0.3 }).pass).toBe(true);
  });

  it('covers the true difference at about the nominal rate over repeated experiments', () => {
    // 40 independent experiments of 200 paired tasks with correlated verdicts (a shared task difficulty).
    let covered = 0;
    const trials = 40;
    for (let t = 0; t < trials; t++) {
      const rng = new Rng('coverage', t);
      const base: EpisodeRecord[] = [];
      const next: EpisodeRecord[] = [];
      for (let i = 0; i < 200; i++) {
        const easy = rng.chance(0.5);
        base.push(ep(`t${i}`, rng.chance(easy ? 0.9 : 0.5)));
        next.push(ep(`t${i}`, rng.chance(easy ? 0.8 : 0.4)));
      }
      const diff = comparePaired(runSideOf(base), runSideOf(next), { seed: t, resamples: 1000 }).settings[0]!.accuracy.diff;
      if (diff.low <= -0.1 && -0.1 <= diff.high) covered++;
    }
    expect(covered / trials).toBeGreaterThanOrEqual(0.85);
  });

  it('excludes pairs with an infra error from both sides and counts them', () => {
    const err = { status: 'error' as const, error: { code: 'endpoint_error', message: 'boom' } };
    const base = runSideOf([ep('a', true), ep('b', true), ep('c', false)]);
    const next = runSideOf([ep('a', true), ep('b', false, err), ep('c', false)]);
    const s = comparePaired(base, next).settings[0]!;
    expect(s.excluded).toEqual({ baseErrors: 0, newErrors: 1, pairs: 1 });
    expect(s.tasks).toBe(2);
    // The error is not a pass -> fail flip.
    expect(s.flips.passToFail).toEqual([]);
    expect(s.accuracy.base).toBe(0.5);
  });

  it('fails the gate when every pair had an error: nothing was measured', () => {
    const err = { status: 'error' as const, error: { code: 'cache_miss', message: 'not in the cassette' } };
    const cmp = comparePaired(runSideOf([ep('a', true), ep('b', false)]), runSideOf([ep('a', false, err), ep('b', false, err)]));
    expect(cmp.settings[0]!.pairs).toBe(0);
    expect(gateComparison(cmp)).toMatchObject({ pass: false, empty: ['default'], regressions: [] });
  });

  it('computes pass@k and maj@k deltas from each task pool', () => {
    const pool = (taskId: string, passes: boolean[]) =>
      episode({ taskId, score: { value: passes[0] ? 1 : 0, passed: passes[0]!, details: {} }, samples: passes.map((p) => ({ answer: p ? 'r' : 'w', passed: p })) });
    const base = runSideOf([pool('x', [true, true, false, false]), pool('y', [true, true, true, false])]);
    const next = runSideOf([pool('x', [true, false, false, false]), pool('y', [true, true, true, false])]);
    const s = comparePaired(base, next).settings[0]!;
    expect(s.kMax).toBe(4);
    expect(s.kMetrics.map((m) => m.metric)).toEqual(['pass@1', 'maj@1', 'pass@2', 'maj@2', 'pass@4', 'maj@4']);
    const pass2 = s.kMetrics.find((m) => m.metric === 'pass@2')!;
    // x: base 1 - C(2,2)/C(4,2) = 5/6, new 1 - C(3,2)/C(4,2) = 1/2; y unchanged at 1.
    expect(pass2.base).toBeCloseTo((5 / 6 + 1) / 2, 12);
    expect(pass2.new).toBeCloseTo((1 / 2 + 1) / 2, 12);
    expect(pass2.diff.mean).toBeCloseTo(-1 / 6, 12);
    expect(gateComparison(comparePaired(base, next), { floors: [parseFloor('pass@4=0.99')] }).pass).toBe(true);
    expect(gateComparison(comparePaired(base, next), { floors: [parseFloor('maj@4=0.9')] }).floorFailures).toEqual([
      { setting: 'default', metric: 'maj@4', value: 0.5, floor: 0.9 },
    ]);
    expect(isCrucibleError(caught(() => gateComparison(comparePaired(base, next), { floors: [parseFloor('pass@8=0.5')] })))).toBe(true);
  });

  it('refuses different task sets unless asked for the intersection', () => {
    const base = runSideOf([ep('a', true), ep('b', true)]);
    const next = runSideOf([ep('a', true), ep('c', false)]);
    const err = caught(() => comparePaired(base, next));
    expect(isCrucibleError(err, 'user') && err.code).toBe('run_mismatch');
    expect((err as Error).message).toMatch(/1 shared, 1 only in BASE, 1 only in NEW/);
    const cmp = comparePaired(base, next, { intersection: true });
    expect(cmp.tasks).toEqual({ shared: 1, onlyBase: 1, onlyNew: 1 });
    expect(cmp.settings[0]!.tasks).toBe(1);
  });

  it('pairs settings by label in sweeps and reports the unmatched', () => {
    const base = runSideOf([ep('a', true, { point: 'k1' }), ep('a', true, { point: 'k2' })]);
    const next = runSideOf([ep('a', false, { point: 'k2' }), ep('a', true, { point: 'k3' })]);
    const cmp = comparePaired(base, next);
    expect(cmp.settings.map((s) => s.base)).toEqual(['k2']);
    expect(cmp.unmatched).toEqual({ base: ['k1'], new: ['k3'] });
  });

  it('parses floors and rejects bad ones', () => {
    expect(parseFloor('accuracy=0.6')).toEqual({ metric: 'accuracy', value: 0.6 });
    expect(parseFloor('pass@4=.8')).toEqual({ metric: 'pass@4', value: 0.8 });
    for (const bad of ['acc=0.5', 'pass@0=0.5', 'accuracy=1.5', 'accuracy']) expect(() => parseFloor(bad)).toThrow(/METRIC=VALUE/);
  });
});
