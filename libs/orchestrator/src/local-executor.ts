import type { EnvironmentDefinition } from '@crucible/core';
import type { ModelClient } from '@crucible/model';
import type { EpisodeExecutor, EpisodeJob, ExecutedEpisode } from './episode-job.js';
import { executeEpisode } from './execute-episode.js';

/** What a {@link LocalExecutor} runs jobs with: the loaded environment and this process's model clients. */
export interface LocalExecutorDeps {
  env: EnvironmentDefinition;
  model: ModelClient;
  judge?: ModelClient;
  cwd: string;
}

/** The default executor: runs each job in this process, with the run's own environment and clients. */
export class LocalExecutor implements EpisodeExecutor {
  constructor(private readonly deps: LocalExecutorDeps) {}

  execute(job: EpisodeJob, signal: AbortSignal): Promise<ExecutedEpisode> {
    return executeEpisode(job, { ...this.deps, signal });
  }
}
