import type { EpisodeRecord } from '@crucible/core';
import { accumulate } from './accumulator.js';
import type { ScoringOptions } from './scoring-options.js';
import type { RunSummary } from './types.js';

/** Summarizes a run's records; see {@link RunSummary}. For a stream, use `createAccumulator`. */
export function summarize(records: Iterable<EpisodeRecord>, opts: ScoringOptions = {}): RunSummary {
  return accumulate(records, opts).result();
}
