import type { EpisodeRecord } from '@crucible/core';
import { accumulate } from './accumulator.js';
import type { DifficultyChoice } from './choose-by-difficulty.js';
import type { ScoringOptions } from './scoring-options.js';
import type { CostKey } from './types.js';

/**
 * Compute-optimal allocation: for each difficulty bucket, the (point, k) with the best score on that bucket's
 * tasks, ties going to the lower cost, optionally among settings costing at most `maxCost` (in `costKey` units).
 */
export function bestPerDifficulty(
  records: Iterable<EpisodeRecord>,
  costKey: CostKey,
  opts: ScoringOptions & { maxCost?: number } = {},
): DifficultyChoice[] {
  return accumulate(records, opts).bestPerDifficulty(costKey, { maxCost: opts.maxCost });
}
