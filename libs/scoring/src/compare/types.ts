import type { Estimate } from '../types.js';
import type { McNemarResult } from './mcnemar.js';

/** One metric of one setting in both runs: the means over the compared tasks and the paired difference. */
export interface MetricDelta {
  /** `accuracy`, `pass@k` or `maj@k`. */
  metric: string;
  base: number;
  new: number;
  /** Mean over tasks of (new - base), with a paired bootstrap interval that resamples tasks. */
  diff: Estimate;
}

/** The paired comparison of one setting (sweep point) of the base run with one of the new run. */
export interface SettingComparison {
  /** Point labels; they differ only when each run has a single point (then those two are paired). */
  base: string;
  new: string;
  /** Tasks and (task, epoch) pairs compared. */
  tasks: number;
  pairs: number;
  /** Episodes recorded as infra `error` on each side, and the pairs dropped from both sides because of them. */
  excluded: { baseErrors: number; newErrors: number; pairs: number };
  accuracy: MetricDelta;
  /** On the pairs' `passed` verdicts: b = pass -> fail, c = fail -> pass. */
  mcnemar: McNemarResult;
  /** Task ids (with `#epoch` when a run has several epochs) whose verdict changed, sorted. */
  flips: { passToFail: string[]; failToPass: string[] };
  /** The largest k every compared task's pool supports in both runs. */
  kMax: number;
  /** pass@k and maj@k for k = 1, 2, 4, ..., kMax. */
  kMetrics: MetricDelta[];
}

/** What {@link comparePaired} found. */
export interface PairedComparison {
  /** True when either run holds test-double (sim) records: its numbers say nothing about a real model. */
  testDouble: boolean;
  settings: SettingComparison[];
  /** Points of one run without a counterpart in the other (not compared). */
  unmatched: { base: string[]; new: string[] };
  /** Task ids over all points: shared, and only in one run (left out under `intersection`). */
  tasks: { shared: number; onlyBase: number; onlyNew: number };
  /** The bootstrap settings, so a reader can reproduce every interval. */
  bootstrap: { seed: number; resamples: number; confidence: number };
}
