import type { Compute, ExitReason, Usage } from '@crucible/core';
import { totalTokens } from '@crucible/core';

/**
 * An episode's limits (`limits.perEpisode`), shared by all its samples: the token budget counts every sample's
 * tokens (and the judge's), and the wall clock starts when the episode does, so the batched first turn and later
 * rounds spend the same time. Per-sample limits live in {@link SampleBudget}. Checked between model calls;
 * returning the exit reason (rather than throwing) keeps a budget stop graceful: the trajectory so far is kept and scored.
 */
export class EpisodeBudget {
  private readonly startedAt = Date.now();
  private tokens = 0;

  constructor(readonly compute: Compute) {}

  /** Counts tokens any sample (or the judge) spent against the episode's token budget. */
  charge(usage: Usage): void {
    this.tokens += totalTokens(usage);
  }

  /** Tokens charged so far. */
  spentTokens(): number {
    return this.tokens;
  }

  /** The episode-wide limit that is already reached, if any. */
  exceeded(): ExitReason | undefined {
    const { perEpisode } = this.compute.limits;
    if (perEpisode.maxTokens !== undefined && this.tokens >= perEpisode.maxTokens) return 'token_budget';
    if (perEpisode.maxSeconds !== undefined && this.elapsedMs() >= perEpisode.maxSeconds * 1000) return 'time_limit';
    return undefined;
  }

  /** Time left before the episode's wall-clock limit, for aborting an in-flight call. */
  remainingMs(): number | undefined {
    const { maxSeconds } = this.compute.limits.perEpisode;
    return maxSeconds === undefined ? undefined : Math.max(0, maxSeconds * 1000 - this.elapsedMs());
  }

  /** `parent`, also aborted when the episode's time runs out. */
  signal(parent: AbortSignal): AbortSignal {
    return withDeadline(parent, this.remainingMs());
  }

  /** A budget for one sample (one trajectory) of this episode, starting now. */
  sample(): SampleBudget {
    return new SampleBudget(this);
  }

  elapsedMs(): number {
    return Date.now() - this.startedAt;
  }
}

/**
 * One trajectory's limits (`limits.perSample`: steps, tokens, seconds) inside its episode's: what it spends
 * counts against both, and the tighter limit cuts it.
 */
export class SampleBudget {
  private readonly startedAt = Date.now();
  private tokens = 0;

  constructor(readonly episode: EpisodeBudget) {}

  /** Counts tokens this sample (or the judge on its behalf) spent, against the sample's and the episode's budgets. */
  charge(usage: Usage): void {
    this.tokens += totalTokens(usage);
    this.episode.charge(usage);
  }

  /** The limit that is already reached, if any, for this sample after `steps` steps. */
  exceeded(steps: number): ExitReason | undefined {
    const { perSample } = this.episode.compute.limits;
    if (steps >= perSample.maxSteps) return 'max_steps';
    if (perSample.maxTokens !== undefined && this.tokens >= perSample.maxTokens) return 'token_budget';
    if (perSample.maxSeconds !== undefined && Date.now() - this.startedAt >= perSample.maxSeconds * 1000) return 'time_limit';
    return this.episode.exceeded();
  }

  /** Time left before the tighter of the sample's and the episode's wall-clock limits. */
  remainingMs(): number | undefined {
    const { maxSeconds } = this.episode.compute.limits.perSample;
    const own = maxSeconds === undefined ? undefined : Math.max(0, maxSeconds * 1000 - (Date.now() - this.startedAt));
    const episode = this.episode.remainingMs();
    if (own === undefined) return episode;
    return episode === undefined ? own : Math.min(own, episode);
  }

  /** `parent`, also aborted when the sample's or the episode's time runs out. */
  signal(parent: AbortSignal): AbortSignal {
    return withDeadline(parent, this.remainingMs());
  }
}

function withDeadline(parent: AbortSignal, remainingMs: number | undefined): AbortSignal {
  return remainingMs === undefined ? parent : AbortSignal.any([parent, AbortSignal.timeout(remainingMs)]);
}
