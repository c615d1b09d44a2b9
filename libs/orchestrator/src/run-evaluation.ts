import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import { relative } from 'node:path';
import PQueue from 'p-queue';
import {
  CrucibleError,
  EPISODE_FORMAT_VERSION,
  costOf,
  emptyUsage,
  errorFamily,
  hashOf,
  isCrucibleError,
  totalTokens,
  type EpisodeRecord,
  type ErrorCode,
  type Task,
} from '@crucible/core';
import { TEST_DOUBLE_NOTICE, type NotRunEpisode } from '@crucible/report';
import { runEpisode } from '@crucible/agent';
import { planEpisodes, type EpisodeSpec } from './plan.js';
import { DEFAULT_EPISODE_RETRY, withInfraRetry } from './retry.js';
import type { RunOptions } from './run-config.js';
import { RunStore } from './run-store.js';
import { inShard } from './shard.js';
import { ResourceLimits } from './resource-limits.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { ErrorTally } from './error-tally.js';

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

/** The stable part of run.json: a resume must match it. */
function runIdentity(options: RunOptions, taskIds: string[]) {
  return {
    env: { name: options.env.name, version: options.env.version, config: options.envConfig },
    model: { name: options.model.model, testDouble: options.model.testDouble, baseUrl: options.model.testDouble ? undefined : options.model.baseUrl },
    judge: options.judge ? { name: options.judge.model, testDouble: options.judge.testDouble } : undefined,
    points: options.points,
    epochs: options.epochs,
    seed: options.seed,
    tasks: hashOf(taskIds),
  };
}

/**
 * Runs an evaluation into a run directory: plans episodes, skips those already recorded (resume), keeps
 * the shard's share, runs the rest with bounded concurrency and appends each finished episode as it ends.
 * Infra faults are retried; what still fails is recorded as an `error` episode; agent failures are results.
 */
export async function runEvaluation(options: RunOptions): Promise<RunOutcome> {
  // Tasks load (and fail on bad data) before anything is written: a bad dataset leaves no run directory behind.
  const tasks = await loadTasks(options);
  const store = new RunStore(options.runDir);
  const identity = runIdentity(options, tasks.map((t) => t.id));
  const existing = await store.readRunJson<{ identityHash?: string }>();
  if (existing && existing.identityHash !== hashOf(identity)) {
    throw new CrucibleError('run_mismatch', `${options.runDir} holds a run with a different configuration`, {
      hint: 'resume with the same flags, or pass a new --run-id',
    });
  }
  await store.init();
  const release = await store.lock();
  try {
    return await runLocked(options, store, tasks, identity);
  } finally {
    await release();
  }
}

async function runLocked(options: RunOptions, store: RunStore, tasks: Task[], identity: ReturnType<typeof runIdentity>): Promise<RunOutcome> {
  const envConfig = options.envConfig;
  const repairedBytes = await store.repair();
  await store.writeJson('run.json', {
    format: EPISODE_FORMAT_VERSION,
    runId: options.runId,
    createdAt: new Date().toISOString(),
    identityHash: hashOf(identity),
    ...identity,
    tasks: { count: tasks.length, ids: tasks.map((t) => t.id) },
    limit: options.limit,
    concurrency: options.concurrency,
    shard: options.shard,
    budget: options.budget,
    price: options.price,
    poolOf: options.poolOf,
    testDouble: options.model.testDouble ? TEST_DOUBLE_NOTICE : undefined,
    command: options.command,
    host: { hostname: hostname(), node: process.version, platform: process.platform },
  });

  await options.onTasksLoaded?.(tasks, envConfig);

  const previous = await store.progress();
  const recorded = previous.done;
  const specs = [...planEpisodes({ env: options.env, envConfig, model: { name: options.model.model, baseUrl: options.model.testDouble ? undefined : options.model.baseUrl }, seed: options.seed }, tasks, options.points, options.epochs)].filter((s) => inShard(s.id, options.shard));
  const todo = specs.filter((s) => !recorded.has(s.id));
  const outcome: RunOutcome = {
    runId: options.runId,
    runDir: options.runDir,
    planned: specs.length,
    skipped: specs.length - todo.length,
    ran: 0,
    errors: 0,
    repairedBytes,
    cancelled: false,
    notRun: [],
    topErrors: [],
  };
  const ranNow = new Set<string>();
  const tally = new ErrorTally();
  const breaker = options.breaker ? new CircuitBreaker(options.breaker) : undefined;

  const controller = new AbortController();
  setMaxListeners(0, controller.signal); // one listener per in-flight call across all episodes
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const queue = new PQueue({ concurrency: Math.max(1, options.concurrency) });
  const limits = new ResourceLimits(options.resourceLimits ?? {});
  // Budgets cover the whole run, resumes included.
  let spentTokens = previous.tokens;
  let spentCost = previous.costUsd;
  let fatal: unknown;

  const stopForBudget = (reason: string) => {
    if (outcome.budgetStopped) return;
    outcome.budgetStopped = reason;
    queue.clear();
  };

  const checkBudget = (): boolean => {
    if (options.budget?.maxTokens !== undefined && spentTokens >= options.budget.maxTokens) stopForBudget(`token budget of ${options.budget.maxTokens} reached`);
    if (options.budget?.maxCostUsd !== undefined && spentCost >= options.budget.maxCostUsd) stopForBudget(`cost budget of $${options.budget.maxCostUsd} reached`);
    return outcome.budgetStopped !== undefined;
  };

  for (const spec of todo) {
    queue.add(async () => {
      if (controller.signal.aborted || checkBudget()) return;
      const record = await limits.run(options.env.resources ?? [], () => runOne(options, spec, controller.signal, store));
      // An episode that ends while the run is being cancelled may have been cut anywhere: not recorded, so resume reruns it.
      if (controller.signal.aborted) return;
      try {
        await store.appendEpisode(record);
      } catch (err) {
        // The store is gone: stop the run (in-flight episodes end as cancelled) and report it once, below.
        fatal ??= err;
        queue.clear();
        controller.abort();
        return;
      }
      outcome.ran++;
      ranNow.add(record.id);
      if (record.status === 'error') {
        outcome.errors++;
        tally.add(record.error?.message ?? record.exitReason);
      }
      spentTokens += totalTokens(record.usage);
      spentCost += record.costUsd ?? 0;
      checkBudget();
      options.onProgress?.({
        done: outcome.skipped + outcome.ran,
        total: specs.length,
        skipped: outcome.skipped,
        record: { id: record.id, taskId: record.taskId, point: record.point, passed: record.score.passed, exitReason: record.exitReason, status: record.status },
      });
      if (breaker && !outcome.endpointDown) {
        const down = await breaker.record(isInfraError(record), { pause: () => queue.pause(), resume: () => queue.start() });
        if (down && !outcome.endpointDown) {
          // Stop cleanly: nothing new starts, in-flight episodes are cut and not recorded (a resume reruns them).
          outcome.endpointDown = down;
          queue.clear();
          queue.start();
          controller.abort();
        }
      }
    });
  }
  await queue.onIdle();
  options.signal?.removeEventListener('abort', onAbort);
  if (fatal) throw fatal;
  outcome.cancelled = options.signal?.aborted === true;
  outcome.stop = outcome.cancelled
    ? { reason: 'cancelled' }
    : outcome.endpointDown
      ? { reason: 'endpoint_down', detail: outcome.endpointDown }
      : outcome.budgetStopped
        ? { reason: 'budget', detail: outcome.budgetStopped }
        : undefined;
  // An earlier `error` record that was not retried now still stands (it counts as an error, not as not run).
  outcome.notRun = todo.filter((s) => !ranNow.has(s.id) && !previous.recorded.has(s.id)).map((s) => ({ env: options.env.name, point: s.point.label, taskId: s.task.id, epoch: s.epoch }));
  outcome.topErrors = tally.top(5);
  return outcome;
}

/** An episode that ended in an infra error (endpoint, sandbox, store), as the circuit breaker counts them. */
function isInfraError(record: EpisodeRecord): boolean {
  if (record.status !== 'error' || !record.error) return false;
  try {
    return errorFamily(record.error.code as ErrorCode) === 'infra';
  } catch {
    return false;
  }
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

async function runOne(options: RunOptions, spec: EpisodeSpec, signal: AbortSignal, store: RunStore): Promise<EpisodeRecord> {
  const startedAt = new Date();
  const base = {
    format: EPISODE_FORMAT_VERSION,
    id: spec.id,
    runId: options.runId,
    env: { name: options.env.name, version: options.env.version },
    taskId: spec.task.id,
    difficulty: spec.task.difficulty,
    family: spec.task.family,
    model: { name: options.model.model, testDouble: options.model.testDouble, baseUrl: options.model.testDouble ? undefined : options.model.baseUrl },
    point: spec.point.label,
    compute: spec.point.compute as Record<string, unknown>,
    epoch: spec.epoch,
    seed: options.seed,
  } as const;
  try {
    const result = await withInfraRetry(
      () =>
        runEpisode({
          env: options.env,
          envConfig: options.envConfig,
          task: spec.task,
          model: options.model,
          judge: options.judge,
          compute: spec.point.compute,
          episodeId: spec.id,
          seed: options.seed,
          signal,
          unsafeNoSandbox: options.unsafeNoSandbox,
          cwd: options.cwd,
        }),
      DEFAULT_EPISODE_RETRY,
      signal,
    );
    const trajectory =
      options.trajectories === false
        ? undefined
        : await store.writeTrajectory(spec.id, { episodeId: spec.id, taskId: spec.task.id, testDouble: options.model.testDouble, samples: result.trajectories });
    const failedModel = result.samples.every((s) => s.exitReason === 'model_error');
    return {
      ...base,
      status: failedModel ? 'error' : 'ok',
      exitReason: result.exitReason,
      score: result.score,
      samples: result.samples,
      usage: result.usage,
      costUsd: options.price ? costOf(result.usage, options.price) : null,
      wallMs: result.wallMs,
      steps: result.steps,
      invalidActions: result.invalidActions,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      error: failedModel ? result.samples[0]?.error : undefined,
      trajectory: trajectory ? relative(options.runDir, `${options.runDir}/${trajectory}`) : undefined,
    };
  } catch (err) {
    const code = isCrucibleError(err) ? err.code : 'env_error';
    return {
      ...base,
      status: 'error',
      exitReason: signal.aborted ? 'cancelled' : 'env_error',
      score: { value: 0, passed: false, details: { reason: 'episode failed', error: (err as Error).message } },
      samples: [],
      usage: emptyUsage(),
      costUsd: options.price ? 0 : null,
      wallMs: Date.now() - startedAt.getTime(),
      steps: 0,
      invalidActions: 0,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      error: { code, message: (err as Error).message },
    };
  }
}
