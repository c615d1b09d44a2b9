import { CrucibleError } from '@crucible/core';
import type { PairedComparison } from './types.js';

/** An absolute floor: the new run's metric (`accuracy`, `pass@k`, `maj@k`) must be at least `value`. */
export interface Floor {
  metric: string;
  value: number;
}

/** Options of {@link gateComparison}. */
export interface GateOptions {
  /** Largest tolerated drop of accuracy, as a fraction (0.02 = 2 points); default 0. */
  maxDrop?: number;
  /** Significance level of McNemar's test; default 0.05. */
  alpha?: number;
  floors?: readonly Floor[];
}

/** Why a comparison failed the gate, or that it passed. */
export interface GateVerdict {
  pass: boolean;
  maxDrop: number;
  alpha: number;
  /** Settings whose accuracy fell by more than `maxDrop` with McNemar p < alpha. */
  regressions: Array<{ setting: string; drop: number; pValue: number }>;
  /** Drops beyond `maxDrop` that are not significant: not a failure, but worth a look (or more tasks). */
  unconfirmed: Array<{ setting: string; drop: number; pValue: number }>;
  /** Settings with no pair left to compare (every pair had an infra error): nothing was measured. */
  empty: string[];
  /** Floors the new run is below. */
  floorFailures: Array<{ setting: string; metric: string; value: number; floor: number }>;
}

/**
 * The regression gate: fails when a setting's accuracy drops by more than `maxDrop` and the drop is
 * significant (McNemar's exact test on the flipped pairs, p < alpha), or when a floor is not met. Both
 * conditions are needed for a regression so a noisy run does not fail CI and a tiny real drop can be tolerated.
 * A setting where no pair could be compared (all infra errors) fails too: nothing was measured.
 */
export function gateComparison(cmp: PairedComparison, opts: GateOptions = {}): GateVerdict {
  const maxDrop = opts.maxDrop ?? 0;
  const alpha = opts.alpha ?? 0.05;
  const regressions: GateVerdict['regressions'] = [];
  const unconfirmed: GateVerdict['unconfirmed'] = [];
  const floorFailures: GateVerdict['floorFailures'] = [];
  const empty: string[] = [];
  for (const s of cmp.settings) {
    if (s.pairs === 0) {
      // A gate that measured nothing must not pass.
      empty.push(s.new);
      continue;
    }
    const drop = s.accuracy.base - s.accuracy.new;
    // A float hair (1e-12) must not turn "no change" into a drop.
    if (drop > maxDrop + 1e-12) (s.mcnemar.pValue < alpha ? regressions : unconfirmed).push({ setting: s.new, drop, pValue: s.mcnemar.pValue });
    for (const floor of opts.floors ?? []) {
      const metric = floor.metric === 'accuracy' ? s.accuracy : s.kMetrics.find((m) => m.metric === floor.metric);
      if (!metric) {
        throw new CrucibleError('invalid_flag', `--fail-under ${floor.metric}: setting "${s.new}" has ${s.kMax} samples per task, too few for it`, {
          hint: `use one of: accuracy, ${s.kMetrics.map((m) => m.metric).join(', ')}`,
        });
      }
      if (metric.new < floor.value) floorFailures.push({ setting: s.new, metric: floor.metric, value: metric.new, floor: floor.value });
    }
  }
  return { pass: regressions.length === 0 && floorFailures.length === 0 && empty.length === 0, maxDrop, alpha, regressions, unconfirmed, empty, floorFailures };
}

/** Parses `METRIC=VALUE` (`accuracy=0.6`, `pass@4=0.8`, `maj@8=0.7`) with VALUE in [0, 1]. */
export function parseFloor(spec: string): Floor {
  const m = /^(accuracy|(?:pass|maj)@[1-9]\d*)=(\d*\.?\d+)$/.exec(spec.trim());
  const value = m ? Number(m[2]) : NaN;
  if (!m || !(value >= 0 && value <= 1)) {
    throw new CrucibleError('invalid_flag', `--fail-under "${spec}" is not METRIC=VALUE with METRIC accuracy, pass@K or maj@K and VALUE in [0, 1]`, {
      hint: 'for example --fail-under accuracy=0.6 --fail-under pass@4=0.8',
    });
  }
  return { metric: m[1]!, value };
}
