import type { EpisodeRecord } from '@crucible/core';
import { accumulate } from './accumulator.js';
import type { ScoringOptions } from './scoring-options.js';
import type { CurvePoint } from './types.js';

/**
 * Score against compute for every point: one {@link CurvePoint} per (point, k), k = 1, 2, 4, ... and the
 * smallest pool size. The score follows the point's `compute.aggregate`: vote -> maj@k, best -> best@k,
 * first -> pass@1 (only k = 1, since the other samples are not used).
 */
export function computeCurve(records: Iterable<EpisodeRecord>, opts: ScoringOptions = {}): CurvePoint[] {
  return accumulate(records, opts).curve();
}
