import type { EpisodeJob, ExecutedEpisode } from '@crucible/orchestrator';

// Contract C6 lives in @crucible/orchestrator (`episode-job.ts`); the queue only builds on its types.
export type { EpisodeExecutor, EpisodeJob, ExecutedEpisode, ModelSettings } from '@crucible/orchestrator';

/** Runs one job where the worker lives: the orchestrator's `executeEpisode` bound to this workspace's environments and models. */
export type RunJob = (job: EpisodeJob, signal: AbortSignal) => Promise<ExecutedEpisode>;
