import type { MajAtKOptions } from './maj-at-k.js';
import type { MeanCiOptions } from './mean-ci.js';

/** Options shared by the record-level functions. */
export interface ScoringOptions {
  /** Seed of every bootstrap and Monte-Carlo stream; default 0. */
  seed?: number;
  /** Bootstrap resamples; default 2000. */
  resamples?: number;
  /** Confidence level of every interval; default 0.95. */
  confidence?: number;
  /** How maj@k is computed (the seed above is used unless given here). */
  maj?: MajAtKOptions;
}

/** The interval options within scoring options. */
export function ciOptions(opts: ScoringOptions): MeanCiOptions {
  return { seed: opts.seed ?? 0, resamples: opts.resamples, confidence: opts.confidence };
}

/** The maj@k options within scoring options. */
export function majOptions(opts: ScoringOptions): MajAtKOptions {
  return { seed: opts.seed ?? 0, ...opts.maj };
}
