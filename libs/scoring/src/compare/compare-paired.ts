import { CrucibleError } from '@crucible/core';
import type { ScoringOptions } from '../scoring-options.js';
import { compareSetting } from './compare-setting.js';
import type { RunSide } from './run-side.js';
import type { PairedComparison } from './types.js';

/** Options of {@link comparePaired}. */
export interface ComparePairedOptions extends ScoringOptions {
  /** Compare the tasks both runs hold instead of refusing runs whose task sets differ. */
  intersection?: boolean;
}

/**
 * Compares a new run against a base run, pairing episodes by setting (point label), task and epoch.
 * Points pair by label; when each run has exactly one point they pair whatever their labels (a change of
 * the default compute is what such a comparison is for). Runs whose task sets differ are refused unless
 * `intersection` is set, because a difference in accuracy over different tasks says nothing about the change.
 */
export function comparePaired(base: RunSide, next: RunSide, opts: ComparePairedOptions = {}): PairedComparison {
  const shared = [...base.taskIds].filter((t) => next.taskIds.has(t)).sort();
  const onlyBase = base.taskIds.size - shared.length;
  const onlyNew = next.taskIds.size - shared.length;
  if (shared.length === 0) {
    throw new CrucibleError('run_mismatch', `the runs share no task (${base.taskIds.size} tasks in BASE, ${next.taskIds.size} in NEW)`, {
      hint: 'compare runs of the same environment, dataset and task count',
    });
  }
  if ((onlyBase > 0 || onlyNew > 0) && !opts.intersection) {
    throw new CrucibleError('run_mismatch', `the task sets differ: ${shared.length} shared, ${onlyBase} only in BASE, ${onlyNew} only in NEW`, {
      hint: 'rerun with the same --tasks/--dataset/--seed, or pass --intersection to compare the shared tasks',
    });
  }
  const baseLabels = [...base.points.keys()];
  const newLabels = [...next.points.keys()];
  const pairs: Array<{ base: string; new: string }> =
    baseLabels.length === 1 && newLabels.length === 1
      ? [{ base: baseLabels[0]!, new: newLabels[0]! }]
      : baseLabels.filter((l) => next.points.has(l)).map((l) => ({ base: l, new: l }));
  if (pairs.length === 0) {
    throw new CrucibleError('run_mismatch', `no setting is in both runs (BASE: ${baseLabels.join(', ')}; NEW: ${newLabels.join(', ')})`, {
      hint: 'compare runs of the same sweep grid',
    });
  }
  const multiEpoch = base.maxEpoch > 0 || next.maxEpoch > 0;
  const settings = pairs.map((p) => compareSetting(p, base.points.get(p.base)!, next.points.get(p.new)!, shared, multiEpoch, opts));
  const paired = new Set(pairs.flatMap((p) => [`b:${p.base}`, `n:${p.new}`]));
  return {
    testDouble: base.testDouble || next.testDouble,
    settings,
    unmatched: { base: baseLabels.filter((l) => !paired.has(`b:${l}`)), new: newLabels.filter((l) => !paired.has(`n:${l}`)) },
    tasks: { shared: shared.length, onlyBase, onlyNew },
    bootstrap: { seed: opts.seed ?? 0, resamples: opts.resamples ?? 2000, confidence: opts.confidence ?? 0.95 },
  };
}
