import type { Compute, ExitReason } from '@crucible/core';

/** A confidence interval. */
export interface Interval {
  low: number;
  high: number;
}

/** A mean with its confidence interval and how the interval was made. */
export interface Estimate extends Interval {
  /** Number of values (episodes or tasks) the mean is over. */
  n: number;
  mean: number;
  method: 'wilson' | 'bootstrap';
}

/** Usage counters plus their sum of prompt and completion tokens. */
export interface UsageTotals {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  totalTokens: number;
}

/** Accuracy of the episodes sharing one difficulty. */
export interface DifficultyAccuracy {
  difficulty: number;
  episodes: number;
  accuracy: Estimate;
}

/** Accuracy of the episodes sharing one task family. */
export interface FamilyAccuracy {
  family: string;
  episodes: number;
  accuracy: Estimate;
}

/** Everything known about one compute or sweep point. */
export interface PointSummary {
  point: string;
  /** The compute settings of the point's first record. */
  compute: Compute;
  tasks: number;
  /** Every recorded episode, error episodes included. */
  episodes: number;
  /** Episodes that produced a score (`status: 'ok'`): what `accuracy` is over. */
  scored: number;
  /**
   * Mean of `record.score.value` over the scored episodes (infra errors are not wrong answers; they are
   * counted in `errors`): a Wilson interval over episodes when every value is 0 or 1, otherwise a
   * bootstrap that resamples tasks (all epochs of a task together). The same holds per difficulty and family.
   */
  accuracy: Estimate;
  /** Scored episodes that passed. */
  passed: number;
  /** Episodes with `status: 'error'` (infra failures after retries): never scored. */
  errors: number;
  /** errors / episodes. */
  errorRate: number;
  exitReasons: Partial<Record<ExitReason, number>>;
  /** Episode-level usage: the sum, and the mean per episode (one attempt at one task). */
  usage: { total: UsageTotals; perEpisode: UsageTotals };
  meanWallMs: number;
  /** `totalUsd` is null when any episode's cost is unknown; `knownUsd` sums the known ones. */
  cost: { totalUsd: number | null; knownUsd: number; unknownEpisodes: number };
  /** Sorted by difficulty; episodes without one are left out. */
  byDifficulty: DifficultyAccuracy[];
  /** Sorted by family name; episodes without one are left out. */
  byFamily: FamilyAccuracy[];
}

/** pass@k, maj@k and best@k at one k for one point, each the mean over tasks with a bootstrap interval over tasks. */
export interface KCurvePoint {
  point: string;
  k: number;
  /** Tasks with a non-empty sample pool (all of them have at least k samples). */
  tasks: number;
  passAtK: Estimate;
  majAtK: Estimate;
  /** Null when no sample of the point carries a verify value. */
  bestAtK: Estimate | null;
  /** How many tasks' maj@k were computed exactly and how many by Monte-Carlo subsampling. */
  majMethod: { exact: number; monteCarlo: number };
}

/** Summary of a run: one entry per point in first-seen order. */
export interface RunSummary {
  /** True if any record came from a test double (the sim model): its numbers say nothing about a real model. */
  testDouble: boolean;
  episodes: number;
  points: PointSummary[];
  /** The summary of the only point when the run has exactly one, else null (points are not averaged together). */
  overall: PointSummary | null;
  kCurves: KCurvePoint[];
}

/** How a point turns N samples into one answer. */
export type Aggregate = 'vote' | 'best' | 'first';

/** One (point, k) of a compute curve: the score a point's aggregate reaches with k samples, and what k samples cost. */
export interface CurvePoint {
  point: string;
  k: number;
  aggregate: Aggregate;
  tasks: number;
  /** Mean over tasks of maj@k (vote), best@k (best) or pass@1 (first). */
  score: number;
  ci: Interval;
  /**
   * Mean per task of what k samples cost (the pool was drawn once, at the largest N): completion tokens scale
   * with k; prompt tokens and calls scale with the requests k samples need, so a pool drawn as one `n=N`
   * request pays one prefill at every k. Cost is pro rata to tokens.
   */
  tokens: number;
  calls: number;
  /** Null when any episode of the point has an unknown cost. */
  costUsd: number | null;
  /** Summed sample wall time: sequential compute time, not the elapsed time of parallel samples. */
  wallMs: number;
}

/** What a curve point's cost is measured in. */
export type CostKey = 'tokens' | 'calls' | 'cost' | 'wallMs';
