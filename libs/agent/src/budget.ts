import type { Compute, ExitReason, Usage } from '@crucible/core';
import { totalTokens } from '@crucible/core';

/**
 * The limits of one trajectory, checked between model calls: `limits.perSample`, and (until the episode
 * budget spans all samples) `limits.perEpisode`. Returning the exit reason (rather than throwing) keeps a
 * budget stop graceful: the trajectory so far is kept and scored.
 */
export class EpisodeBudget {
  private readonly startedAt = Date.now();

  constructor(private readonly compute: Compute) {}

  /** The limit that is already reached, if any. */
  exceeded(steps: number, usage: Usage): ExitReason | undefined {
    const { perSample, perEpisode } = this.compute.limits;
    if (steps >= perSample.maxSteps) return 'max_steps';
    const tokens = totalTokens(usage);
    if ([perSample.maxTokens, perEpisode.maxTokens].some((max) => max !== undefined && tokens >= max)) return 'token_budget';
    const limitMs = wallLimitMs(this.compute);
    if (limitMs !== undefined && this.elapsedMs() >= limitMs) return 'time_limit';
    return undefined;
  }

  /** Time left before the trajectory's wall-clock limit, for aborting an in-flight call. */
  remainingMs(): number | undefined {
    const limitMs = wallLimitMs(this.compute);
    return limitMs === undefined ? undefined : Math.max(0, limitMs - this.elapsedMs());
  }

  elapsedMs(): number {
    return Date.now() - this.startedAt;
  }
}

/** The tighter of the per-sample and per-episode wall-clock limits of one trajectory, in ms. */
export function wallLimitMs(compute: Compute): number | undefined {
  const seconds = [compute.limits.perSample.maxSeconds, compute.limits.perEpisode.maxSeconds].filter((s) => s !== undefined);
  return seconds.length === 0 ? undefined : Math.min(...seconds) * 1000;
}
