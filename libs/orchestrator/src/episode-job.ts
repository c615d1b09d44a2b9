import type { Compute, EpisodeRecord, Task, Trajectory } from '@crucible/core';
import type { ModelClientOptions } from '@crucible/model';

/** How to build a model client: the options `createModelClient` takes, minus secrets and callbacks. */
export type ModelSettings = Omit<ModelClientOptions, 'apiKey' | 'onRetry' | 'requestHeaders'>;

/**
 * Everything one episode needs that is not in the installed workspace; JSON-serialisable, so a worker on
 * another machine can run it. The environment is found by name (and checked by version) where it runs.
 */
export interface EpisodeJob {
  runId: string;
  episodeId: string;
  env: { name: string; version: string; config: unknown };
  task: Task;
  point: { label: string; compute: Compute };
  epoch: number;
  seed: number;
  model: ModelSettings;
  judge?: ModelSettings;
  unsafeNoSandbox?: boolean;
  /** Whether to return the trajectory (the coordinator writes it). */
  trajectories: boolean;
}

/** A finished episode as an executor returns it: the record (without its trajectory path) and the trajectory to write. */
export interface ExecutedEpisode {
  record: EpisodeRecord;
  trajectory?: Trajectory;
}

/** Runs episode jobs somewhere: in this process ({@link LocalExecutor}) or on workers elsewhere. */
export interface EpisodeExecutor {
  /**
   * Runs one job to its record. An episode that fails is a record with `status: 'error'`, not a rejection;
   * a rejection means the executor itself failed (its queue is gone) and stops the run.
   */
  execute(job: EpisodeJob, signal: AbortSignal): Promise<ExecutedEpisode>;
  close?(): Promise<void>;
}
