import { EPISODE_FORMAT_VERSION, TRAJECTORY_FORMAT_VERSION, TrajectorySchema, emptyUsage, isCrucibleError, type EnvironmentDefinition, type EpisodeRecord } from '@crucible/core';
import type { ModelClient } from '@crucible/model';
import { runEpisode } from '@crucible/agent';
import type { EpisodeJob, ExecutedEpisode } from './episode-job.js';
import { modelIdentity } from './model-identity.js';
import { DEFAULT_EPISODE_RETRY, withInfraRetry } from './retry.js';

/** What {@link executeEpisode} needs besides the job: the installed environment and live model clients. */
export interface ExecuteDeps {
  env: EnvironmentDefinition;
  model: ModelClient;
  judge?: ModelClient;
  /** Where relative paths of the environment config resolve. */
  cwd: string;
  signal: AbortSignal;
}

/**
 * Runs one job in this process and builds its record: used by the local executor and by every remote worker.
 * Infra faults are retried; what still fails is an `error` record; agent failures are results. The record is
 * unpriced (`costUsd: null`): the coordinator prices it, so workers need no price table.
 */
export async function executeEpisode(job: EpisodeJob, deps: ExecuteDeps): Promise<ExecutedEpisode> {
  const { signal } = deps;
  const startedAt = new Date();
  const base = {
    format: EPISODE_FORMAT_VERSION,
    id: job.episodeId,
    runId: job.runId,
    env: { name: job.env.name, version: job.env.version },
    taskId: job.task.id,
    difficulty: job.task.difficulty,
    family: job.task.family,
    model: modelIdentity(deps.model),
    point: job.point.label,
    compute: job.point.compute,
    epoch: job.epoch,
    seed: job.seed,
  } as const;
  try {
    const result = await withInfraRetry(
      () =>
        runEpisode({
          env: deps.env,
          envConfig: job.env.config,
          task: job.task,
          model: deps.model,
          judge: deps.judge,
          compute: job.point.compute,
          episodeId: job.episodeId,
          seed: job.seed,
          signal,
          unsafeNoSandbox: job.unsafeNoSandbox,
          cwd: deps.cwd,
        }),
      DEFAULT_EPISODE_RETRY,
      signal,
    );
    // Judge calls' usage, kept apart from the policy's (priced at the judge's rate by the coordinator).
    const { judgeUsage } = result;
    const failedModel = result.samples.every((s) => s.exitReason === 'model_error');
    const record: EpisodeRecord = {
      ...base,
      status: failedModel ? 'error' : 'ok',
      exitReason: result.exitReason,
      score: result.score,
      samples: result.samples,
      usage: result.usage,
      ...(judgeUsage ? { judgeUsage } : {}),
      costUsd: null,
      wallMs: result.wallMs,
      steps: result.steps,
      invalidActions: result.invalidActions,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      error: failedModel ? result.samples[0]?.error : undefined,
    };
    const trajectory = job.trajectories
      ? TrajectorySchema.parse({ format: TRAJECTORY_FORMAT_VERSION, episodeId: job.episodeId, taskId: job.task.id, testDouble: deps.model.testDouble, samples: result.trajectories })
      : undefined;
    return { record, trajectory };
  } catch (err) {
    const code = isCrucibleError(err) ? err.code : 'env_error';
    return {
      record: {
        ...base,
        status: 'error',
        exitReason: signal.aborted ? 'cancelled' : 'env_error',
        score: { value: 0, passed: false, details: { reason: 'episode failed', error: (err as Error).message } },
        samples: [],
        usage: emptyUsage(),
        costUsd: null,
        wallMs: Date.now() - startedAt.getTime(),
        steps: 0,
        invalidActions: 0,
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        error: { code, message: (err as Error).message },
      },
    };
  }
}
