import { argumentError, checkInt } from './argument-error.js';
import { MajExact } from './maj-at-k-exact.js';
import { majAtKMonteCarlo } from './maj-at-k-monte-carlo.js';
import { type SampleGroup, voteGroups } from './sample-group.js';

/** Options of {@link majAtK}. */
export interface MajAtKOptions {
  /** `auto` (default) is exact unless that would take more than `maxExactOps` steps. */
  method?: 'auto' | 'exact' | 'monte-carlo';
  /** Step budget of the exact computation under `auto`; default 20 million. */
  maxExactOps?: number;
  /** Monte-Carlo subsets; default 2000. */
  draws?: number;
  /** Monte-Carlo seed; default 0. */
  seed?: number;
}

/** maj@k and how it was computed. */
export interface MajAtKResult {
  value: number;
  method: 'exact' | 'monte-carlo';
}

/**
 * maj@k: the probability that a majority vote over a uniformly random k-subset of the samples is correct.
 * Samples vote with their normalised `answer`; samples without one (undefined or empty) abstain and never win.
 * The answer with the most votes wins; a tie among leaders scores the expected value of a uniformly random pick,
 * the mean correctness of its leaders. A subset of abstentions only scores 0. This is the same rule the agent's
 * `--aggregate vote` uses (`@crucible/agent` aggregate), so at k = N maj@N equals the run's vote accuracy exactly.
 * An answer's correctness is the pass fraction of the samples giving it (0 or 1 when `passed` follows the answer).
 */
export function majAtK(samples: ReadonlyArray<{ answer?: string; passed: boolean }>, k: number, opts: MajAtKOptions = {}): MajAtKResult {
  const { groups, abstain } = voteGroups(samples);
  return majAtKFromGroups(groups, abstain, k, opts);
}

/** {@link majAtK} over samples already grouped by answer. */
export function majAtKFromGroups(groups: readonly SampleGroup[], abstain: number, k: number, opts: MajAtKOptions = {}): MajAtKResult {
  const total = groups.reduce((s, g) => s + g.count, abstain);
  checkInt('majAtK', 'k', k, 1, total);
  const method = opts.method ?? 'auto';
  if (!['auto', 'exact', 'monte-carlo'].includes(method)) throw argumentError('majAtK', `unknown method ${String(method)}`);
  if (!groups.some((g) => g.passed > 0)) return { value: 0, method: 'exact' };
  if (k === total) return { value: fullVote(groups), method: 'exact' };
  if (method !== 'monte-carlo') {
    const exact = new MajExact(groups, abstain, k);
    const budget = opts.maxExactOps ?? 20_000_000;
    if (method === 'exact' || exact.cost(budget) <= budget) return { value: exact.value(), method: 'exact' };
  }
  const draws = opts.draws ?? 2000;
  checkInt('majAtK', 'draws', draws, 1);
  return { value: majAtKMonteCarlo(groups, abstain, k, draws, opts.seed ?? 0), method: 'monte-carlo' };
}

/** The vote over every sample. */
function fullVote(groups: readonly SampleGroup[]): number {
  const max = Math.max(...groups.map((g) => g.count));
  const leaders = groups.filter((g) => g.count === max);
  return leaders.reduce((s, g) => s + g.passed / g.count, 0) / leaders.length;
}
