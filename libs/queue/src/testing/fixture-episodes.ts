import { ComputeSchema, EPISODE_FORMAT_VERSION, emptyUsage, hashOf } from '@crucible/core';
import type { EpisodeJob, ExecutedEpisode } from '../episode-executor.js';

/** Options for {@link fixtureJob}. */
export interface FixtureJobOptions {
  /** How long {@link fixtureRunJob} takes for this job. */
  sleepMs?: number;
  /** Sets `model.baseUrl` and `model.maxConcurrency`, for endpoint-limit tests. */
  endpoint?: { baseUrl: string; maxConcurrency: number };
}

/** The i-th job of a fixture run: real C6 shape, task data carried in the job (as a remote worker needs). */
export function fixtureJob(runId: string, index: number, options: FixtureJobOptions = {}): EpisodeJob {
  return {
    runId,
    episodeId: `ep${String(index).padStart(4, '0')}`,
    env: { name: 'fixture', version: '1.0.0', config: { level: 1 } },
    task: { id: `task-${index}`, prompt: `fixture task ${index}`, difficulty: 1 + (index % 5), metadata: { sleepMs: options.sleepMs ?? 0 } },
    point: { label: 'default', compute: ComputeSchema.parse({}) },
    epoch: 0,
    seed: 1_000 + index,
    model: { model: 'fixture-model', ...(options.endpoint ?? {}) },
    trajectories: true,
  };
}

/**
 * A deterministic stand-in for the orchestrator's `executeEpisode` (this package takes the runner by injection): the
 * result is a pure function of the job, so a run through the queue can be compared field by field with one in process.
 * It waits `task.metadata.sleepMs` (abortably) to give tests time to kill things mid-episode.
 */
export async function fixtureRunJob(job: EpisodeJob, signal: AbortSignal): Promise<ExecutedEpisode> {
  const sleepMs = Number(job.task.metadata?.sleepMs ?? 0);
  if (sleepMs > 0) await abortableSleep(sleepMs, signal);
  const h = hashOf({ runId: job.runId, episodeId: job.episodeId, seed: job.seed });
  const value = parseInt(h.slice(0, 4), 16) / 0xffff;
  const score = { value, passed: value >= 0.5, answer: h.slice(0, 6), details: { fixture: true } };
  const usage = { ...emptyUsage(), calls: 1, promptTokens: 10 + job.seed % 7, completionTokens: 5 };
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, job.seed % 60)).toISOString();
  return {
    record: {
      format: EPISODE_FORMAT_VERSION,
      id: job.episodeId,
      runId: job.runId,
      env: { name: job.env.name, version: job.env.version },
      taskId: job.task.id,
      difficulty: job.task.difficulty,
      model: { name: job.model.model, testDouble: false },
      point: job.point.label,
      compute: job.point.compute,
      epoch: job.epoch,
      seed: job.seed,
      status: 'ok',
      exitReason: 'submitted',
      score,
      samples: [{ index: 0, exitReason: 'submitted', score, usage, steps: 1, invalidActions: 0, revisions: 0, wallMs: sleepMs }],
      usage,
      costUsd: null,
      wallMs: sleepMs,
      steps: 1,
      invalidActions: 0,
      startedAt: at,
      finishedAt: at,
    },
    trajectory: { format: 2, episodeId: job.episodeId, taskId: job.task.id, testDouble: false, samples: [] },
  };
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
