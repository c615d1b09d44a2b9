import type { Compute, ExitReason, Usage } from '@crucible/core';
import { totalTokens } from '@crucible/core';

/**
 * Per-episode limits, checked between model calls. Returning the exit reason (rather than throwing)
 * keeps a budget stop graceful: the trajectory so far is kept and scored.
 */
export class EpisodeBudget {
  private readonly startedAt = Date.now();

  constructor(private readonly compute: Compute) {}

  /** The limit that is already reached, if any. */
  exceeded(steps: number, usage: Usage): ExitReason | undefined {
    if (steps >= this.compute.maxSteps) return 'max_steps';
    if (this.compute.maxEpisodeTokens !== undefined && totalTokens(usage) >= this.compute.maxEpisodeTokens) return 'token_budget';
    if (this.compute.maxEpisodeSeconds !== undefined && this.elapsedMs() >= this.compute.maxEpisodeSeconds * 1000) return 'time_limit';
    return undefined;
  }

  /** Time left before the episode's wall-clock limit, for aborting an in-flight call. */
  remainingMs(): number | undefined {
    if (this.compute.maxEpisodeSeconds === undefined) return undefined;
    return Math.max(0, this.compute.maxEpisodeSeconds * 1000 - this.elapsedMs());
  }

  elapsedMs(): number {
    return Date.now() - this.startedAt;
  }
}
