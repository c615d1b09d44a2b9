import { CrucibleError, type Task } from '@crucible/core';
import type { NotRunEpisode } from '@crucible/report';
import { priceRecord } from './episode-cost.js';
import type { EpisodeJob, ModelSettings } from './episode-job.js';
import { EpisodeRecorder } from './episode-recorder.js';
import { LocalExecutor } from './local-executor.js';
import { modelIdentity } from './model-identity.js';
import { planEpisodes, type EpisodeSpec } from './plan.js';
import type { RunOptions } from './run-config.js';
import { runManifest } from './run-manifest.js';
import { Scheduler } from './scheduler.js';
import { inShard } from './shard.js';

/** What a run did. */
export interface RunOutcome {
  runId: string;
  runDir: string;
  planned: number;
  /** Episodes already recorded by an earlier attempt and skipped. */
  skipped: number;
  ran: number;
  errors: number;
  /** Torn bytes dropped from the end of episodes.jsonl on resume. */
  repairedBytes: number;
  /** Set when the run budget stopped scheduling. */
  budgetStopped?: string;
  /** Set when the circuit breaker found the endpoint down and stopped the run. */
  endpointDown?: string;
  cancelled: boolean;
  /** Why the run stopped before its plan was done, if it did. */
  stop?: { reason: 'cancelled' | 'budget' | 'endpoint_down'; detail?: string };
  /** Planned episodes that have no record at all (cancelled, budget, endpoint down before they ran). */
  notRun: NotRunEpisode[];
  /** The most frequent error messages of the episodes that ended in error now, most frequent first. */
  topErrors: Array<{ message: string; count: number }>;
}

/**
 * Runs an evaluation into a run directory: plans episodes, skips those already recorded (resume), keeps
 * the shard's share, and hands the rest to the {@link Scheduler}, which runs them on the executor (in this
 * process by default) while the {@link EpisodeRecorder} writes each finished episode as it ends.
 * Infra faults are retried; what still fails is recorded as an `error` episode; agent failures are results.
 */
export async function runEvaluation(options: RunOptions): Promise<RunOutcome> {
  // Tasks load (and fail on bad data) before anything is written: a bad dataset leaves no run directory behind.
  const tasks = await loadTasks(options);
  const model = modelIdentity(options.model);
  const recorder = await EpisodeRecorder.open(options.runDir, runManifest(options, model, tasks));
  try {
    await options.onTasksLoaded?.(tasks, options.envConfig);
    const { previous } = recorder;
    const specs = [...planEpisodes({ env: options.env, envConfig: options.envConfig, model: { name: model.name, baseUrl: model.baseUrl }, seed: options.seed }, tasks, options.points, options.epochs)].filter((s) =>
      inShard(s.id, options.shard),
    );
    const todo = specs.filter((s) => !previous.done.has(s.id));
    const skipped = specs.length - todo.length;
    const executor = options.executor ?? new LocalExecutor({ env: options.env, model: options.model, judge: options.judge, cwd: options.cwd });
    const scheduler = new Scheduler({
      concurrency: options.concurrency,
      resources: options.env.resources,
      resourceLimits: options.resourceLimits,
      budget: options.budget,
      spent: { tokens: previous.tokens, costUsd: previous.costUsd },
      breaker: options.breaker,
      signal: options.signal,
      total: specs.length,
      skipped,
      onProgress: options.onProgress,
    });
    const prices = { policy: options.price, judge: options.judgePrice };
    const ran = await scheduler.run(
      todo.map((spec) => episodeJob(options, spec)),
      executor,
      (done) => recorder.record({ ...done, record: priceRecord(done.record, prices) }),
    );
    const stop = ran.cancelled
      ? ({ reason: 'cancelled' } as const)
      : ran.endpointDown
        ? ({ reason: 'endpoint_down', detail: ran.endpointDown } as const)
        : ran.budgetStopped
          ? ({ reason: 'budget', detail: ran.budgetStopped } as const)
          : undefined;
    return {
      runId: options.runId,
      runDir: options.runDir,
      planned: specs.length,
      skipped,
      ran: ran.ran,
      errors: ran.errors,
      repairedBytes: recorder.repairedBytes,
      budgetStopped: ran.budgetStopped,
      endpointDown: ran.endpointDown,
      cancelled: ran.cancelled,
      stop,
      // An earlier `error` record that was not retried now still stands (it counts as an error, not as not run).
      notRun: todo
        .filter((s) => !ran.recorded.has(s.id) && !previous.recorded.has(s.id))
        .map((s) => ({ env: options.env.name, point: s.point.label, taskId: s.task.id, epoch: s.epoch })),
      topErrors: ran.topErrors,
    };
  } finally {
    await recorder.close();
  }
}

/** One planned episode as a self-contained, JSON-serialisable job. */
function episodeJob(options: RunOptions, spec: EpisodeSpec): EpisodeJob {
  return {
    runId: options.runId,
    episodeId: spec.id,
    env: { name: options.env.name, version: options.env.version, config: options.envConfig },
    task: spec.task,
    point: spec.point,
    epoch: spec.epoch,
    seed: options.seed,
    model: options.modelSettings ?? settingsOf(options.model),
    judge: options.judge ? (options.judgeSettings ?? settingsOf(options.judge)) : undefined,
    unsafeNoSandbox: options.unsafeNoSandbox,
    trajectories: options.trajectories !== false,
  };
}

/** What a client says of itself that another process needs to build one like it. */
function settingsOf(client: RunOptions['model']): ModelSettings {
  return { model: client.model, baseUrl: client.baseUrl, testDouble: client.testDouble };
}

async function loadTasks(options: RunOptions): Promise<Task[]> {
  const tasks = await options.env.tasks(options.envConfig, { seed: options.seed, limit: options.limit, cwd: options.cwd });
  const list = options.limit !== undefined ? tasks.slice(0, options.limit) : [...tasks];
  const seen = new Set<string>();
  for (const task of list) {
    if (seen.has(task.id)) {
      throw new CrucibleError('invalid_task', `environment "${options.env.name}" returned task id "${task.id}" twice`, {
        hint: 'task ids must be unique and stable; fix the environment or its dataset',
      });
    }
    seen.add(task.id);
  }
  if (list.length === 0) {
    throw new CrucibleError('invalid_dataset', `environment "${options.env.name}" has no tasks for this configuration`, { hint: 'check --dataset and --tasks' });
  }
  return list;
}
