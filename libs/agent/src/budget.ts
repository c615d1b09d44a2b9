import type { Compute, ExitReason, Usage } from '@crucible/core';
import { totalTokens } from '@crucible/core';

/**
 * An episode's limits, shared by all its samples: the token budget counts every sample's tokens (and the
 * judge's), and the wall clock starts when the episode does, so the batched first turn and later rounds spend
 * the same time. The step limit stays per sample. Checked between model calls; returning the exit reason
 * (rather than throwing) keeps a budget stop graceful: the trajectory so far is kept and scored.
 */
export class EpisodeBudget {
  private readonly startedAt = Date.now();
  private tokens = 0;

  constructor(private readonly compute: Compute) {}

  /** Counts tokens any sample (or the judge) spent against the episode's token budget. */
  charge(usage: Usage): void {
    this.tokens += totalTokens(usage);
  }

  /** Tokens charged so far. */
  spentTokens(): number {
    return this.tokens;
  }

  /** The limit that is already reached, if any, for a sample that has taken `steps` steps. */
  exceeded(steps: number): ExitReason | undefined {
    if (steps >= this.compute.maxSteps) return 'max_steps';
    if (this.compute.maxEpisodeTokens !== undefined && this.tokens >= this.compute.maxEpisodeTokens) return 'token_budget';
    if (this.compute.maxEpisodeSeconds !== undefined && this.elapsedMs() >= this.compute.maxEpisodeSeconds * 1000) return 'time_limit';
    return undefined;
  }

  /** Time left before the episode's wall-clock limit, for aborting an in-flight call. */
  remainingMs(): number | undefined {
    if (this.compute.maxEpisodeSeconds === undefined) return undefined;
    return Math.max(0, this.compute.maxEpisodeSeconds * 1000 - this.elapsedMs());
  }

  /** `parent`, also aborted when the episode's time runs out. */
  signal(parent: AbortSignal): AbortSignal {
    const remaining = this.remainingMs();
    return remaining === undefined ? parent : AbortSignal.any([parent, AbortSignal.timeout(remaining)]);
  }

  elapsedMs(): number {
    return Date.now() - this.startedAt;
  }
}
