import type { Compute, EpisodeRecord, Task } from '@crucible/core';

// Contract C6 (docs: /work/notes/contracts-10.md) is owned by @crucible/orchestrator, which is being split on another
// branch. These are local copies so this package builds on its own; the lead swaps them for the orchestrator's exports
// (or core's, wherever C6 lands) when merging. Only `runId`, `episodeId`, `env`, `task.id`, `point.label` and
// `model.baseUrl` are read here; everything else travels as opaque JSON.

/** The options `createModelClient` takes, minus secrets (a worker reads its own API key from its environment). */
export interface ModelSettings {
  name: string;
  baseUrl?: string;
  [option: string]: unknown;
}

/** A trajectory as the orchestrator writes it (C4); opaque to the queue. */
export type Trajectory = Record<string, unknown>;

/** Everything one episode needs that is not in the installed workspace; JSON-serialisable (a worker on another machine runs it). */
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
  trajectories: boolean;
}

/** A finished episode as an executor returns it: the record (without its trajectory path) and the trajectory to write. */
export interface ExecutedEpisode {
  record: EpisodeRecord;
  trajectory?: Trajectory;
}

/** Runs episode jobs somewhere (in this process, or on queue workers) and hands back what they produced. */
export interface EpisodeExecutor {
  execute(job: EpisodeJob, signal: AbortSignal): Promise<ExecutedEpisode>;
  close?(): Promise<void>;
}

/** Runs one job where the worker lives: the orchestrator's `executeEpisode` bound to this workspace's environments and models. */
export type RunJob = (job: EpisodeJob, signal: AbortSignal) => Promise<ExecutedEpisode>;
