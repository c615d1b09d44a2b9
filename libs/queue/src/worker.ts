import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { DelayedError, Worker, type Job } from 'bullmq';
import { CrucibleError } from '@crucible/core';
import type { EpisodeJob, ExecutedEpisode } from './episode-executor.js';
import { createEndpointLimiter, type EndpointLimiter, type ReleaseSlot } from './endpoint-limit.js';
import { encodeFailure, type QueuedEpisode } from './job-payload.js';
import { auxKeys, DEFAULT_QUEUE_NAMES, type QueueNames } from './queue-keys.js';
import { closeRedis, connectRedis, safeRedisUrl, waitForRedis } from './redis-connection.js';
import type { EpisodeRef, WorkerEvent } from './worker-events.js';
import { startHeartbeat } from './worker-registry.js';

/** What a worker hands `runJob` besides the job: the shared endpoint limiter, for per-request limits. */
export interface WorkerContext {
  workerId: string;
  endpoints: EndpointLimiter;
}

/** Runs one episode on this machine; the lead binds it to the orchestrator's `executeEpisode`. */
export type WorkerRunJob = (job: EpisodeJob, signal: AbortSignal, ctx: WorkerContext) => Promise<ExecutedEpisode>;

/** Options for {@link startWorker}. */
export interface StartWorkerOptions {
  /** `redis://HOST:PORT` */
  redis: string;
  runJob: WorkerRunJob;
  /** This workspace's version; jobs from a coordinator with another version are refused. */
  workspaceVersion: string;
  /** Episodes run at once by this worker; default 1. */
  concurrency?: number;
  onEvent?: (event: WorkerEvent) => void;
  names?: QueueNames;
  /**
   * How long a job's lock lasts without renewal (renewed at half of it while the worker lives). A SIGKILLed worker's
   * jobs are taken by another worker after about this long. Default 30 s; tests use about a second.
   */
  lockDurationMs?: number;
  /** Times a job may stall (its worker died) before it fails for good; default 3. */
  maxStalledCount?: number;
  /**
   * The endpoint slot an episode holds while it runs, shared by all workers on the Redis. Default: the job's model
   * `baseUrl` with its `maxConcurrency` when both are set; return undefined for no limit.
   */
  endpointLimit?: (job: EpisodeJob) => { endpoint: string; limit: number } | undefined;
  /** Lease of an endpoint slot (a dead worker's slot frees itself after it); default 30 s. */
  endpointLeaseMs?: number;
  /** How long a refused job waits before it is offered again; default 1 s. */
  refuseDelayMs?: number;
  /** Heartbeat period of the worker registry; default 5 s. */
  heartbeatMs?: number;
  /** Drain on SIGTERM and SIGINT (the CLI sets this); default false. */
  handleSignals?: boolean;
  /** How long to wait for Redis at start; default 10 s. */
  connectTimeoutMs?: number;
}

/** A running worker. */
export interface QueueWorker {
  readonly id: string;
  /** Stops taking jobs, lets the ones in flight finish and report, then disconnects. Idempotent. */
  drain(): Promise<void>;
  /** Resolves once the worker has stopped (after {@link QueueWorker.drain}, or a signal when `handleSignals`). */
  readonly stopped: Promise<void>;
}

/** The default {@link StartWorkerOptions.endpointLimit}: the model's `maxConcurrency` at its `baseUrl`. */
export function modelEndpointLimit(job: EpisodeJob): { endpoint: string; limit: number } | undefined {
  const limit = job.model.maxConcurrency;
  return job.model.baseUrl && typeof limit === 'number' ? { endpoint: job.model.baseUrl, limit } : undefined;
}

/** Starts a worker that takes episodes of every run on the Redis, runs them with `runJob` and returns their results. */
export async function startWorker(options: StartWorkerOptions): Promise<QueueWorker> {
  const names = options.names ?? DEFAULT_QUEUE_NAMES;
  const keys = auxKeys(names);
  const emit = options.onEvent ?? (() => undefined);
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new CrucibleError('invalid_flag', `--concurrency must be a positive integer, got ${concurrency}`);
  }
  const lockDuration = options.lockDurationMs ?? 30_000;
  const refuseDelayMs = options.refuseDelayMs ?? 1_000;
  const endpointLimit = options.endpointLimit ?? modelEndpointLimit;
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const label = `${hostname()} pid ${process.pid}`;
  const reportError = throttle((err: Error) => emit({ type: 'error', message: err.message }), 5_000);

  const redis = connectRedis(options.redis, reportError);
  await waitForRedis(redis, options.redis, options.connectTimeoutMs ?? 10_000).catch(async (err) => {
    await closeRedis(redis);
    throw err;
  });
  const endpoints = createEndpointLimiter(redis, { keyOf: keys.endpoint, leaseMs: options.endpointLeaseMs });
  const ctx: WorkerContext = { workerId: id, endpoints };
  let completed = 0;
  let failed = 0;
  const active = new Set<string>();
  let closing = false;

  const processor = async (bullJob: Job<QueuedEpisode, ExecutedEpisode>, token: string | undefined, maybeSignal?: AbortSignal) => {
    // BullMQ passes a signal to processors that take three parameters; the fallback only satisfies the types.
    const signal = maybeSignal ?? new AbortController().signal;
    const { job, workspaceVersion } = bullJob.data;
    const ref = refOf(job);
    if (closing) {
      // Fetched in the instant the drain began (BullMQ may already be blocked on a fetch): give it back untouched.
      await bullJob.moveToDelayed(Date.now() + 1, token);
      throw new DelayedError();
    }
    if (workspaceVersion !== options.workspaceVersion) {
      emit({ type: 'refused', jobVersion: workspaceVersion, workerVersion: options.workspaceVersion, ...ref });
      // Back on the queue (delayed, so a matching worker gets it first); the coordinator reports it if nobody can.
      await bullJob.moveToDelayed(Date.now() + refuseDelayMs, token);
      throw new DelayedError();
    }
    const started = Date.now();
    active.add(bullJob.id!);
    emit({ type: 'start', attempt: bullJob.attemptsStarted, ...ref });
    let release: ReleaseSlot | undefined;
    try {
      const slot = endpointLimit(job);
      if (slot) release = await endpoints.acquire(slot.endpoint, slot.limit, signal);
      const result = await options.runJob(job, signal, ctx);
      // A cancelled episode must not complete: a resumed coordinator would take its partial record as done.
      if (signal.aborted) throw new CrucibleError('queue_error', `cancelled: ${String(signal.reason ?? 'by the coordinator')}`);
      completed += 1;
      const r = result.record;
      emit({ type: 'done', ms: Date.now() - started, status: r.status, exitReason: r.exitReason, score: r.score.value, ...ref });
      return result;
    } catch (err) {
      failed += 1;
      emit({ type: 'failed', ms: Date.now() - started, message: err instanceof Error ? err.message : String(err), ...ref });
      throw encodeFailure(err, label);
    } finally {
      active.delete(bullJob.id!);
      await release?.();
    }
  };

  const worker = new Worker<QueuedEpisode, ExecutedEpisode>(names.queue, processor, {
    connection: redis,
    prefix: names.prefix,
    concurrency,
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount: options.maxStalledCount ?? 3,
    autorun: false,
  });
  worker.on('error', reportError);

  // Cancellation of a job in flight: the coordinator publishes its id; whichever worker holds it aborts it.
  const subscriber = redis.duplicate();
  subscriber.on('error', reportError);
  await subscriber.subscribe(keys.cancel);
  subscriber.on('message', (_channel: string, jobId: string) => {
    worker.cancelJob(jobId, 'cancelled by the coordinator');
  });

  const stopHeartbeat = startHeartbeat(
    redis,
    keys.workers,
    { id, host: hostname(), pid: process.pid, workspaceVersion: options.workspaceVersion, concurrency, startedAt: new Date().toISOString() },
    options.heartbeatMs ?? 5_000,
  );
  void worker.run().catch(reportError);
  await worker.waitUntilReady();
  emit({ type: 'ready', workerId: id, redis: safeRedisUrl(options.redis), workspaceVersion: options.workspaceVersion, concurrency });

  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  let draining: Promise<void> | undefined;
  const drain = () =>
    (draining ??= (async () => {
      closing = true;
      emit({ type: 'draining', active: active.size });
      await worker.close();
      await stopHeartbeat();
      await subscriber.quit().catch(() => subscriber.disconnect());
      await closeRedis(redis);
      removeSignalHandlers();
      emit({ type: 'stopped', completed, failed });
      resolveStopped();
    })());

  const onSignal = () => void drain();
  const removeSignalHandlers = () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
  if (options.handleSignals) {
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { id, drain, stopped };
}

/** Tolerates a job of another Crucible version whose shape differs (it is refused, and must still be named). */
function refOf(job: Partial<EpisodeJob> | undefined): EpisodeRef {
  return {
    runId: job?.runId ?? '?',
    episodeId: job?.episodeId ?? '?',
    env: job?.env?.name ?? '?',
    taskId: job?.task?.id ?? '?',
    point: job?.point?.label ?? '?',
  };
}

/** Calls `fn` at most once per `ms` (a Redis outage would otherwise print one line per reconnect attempt). */
function throttle<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let last = 0;
  return (...args) => {
    const now = Date.now();
    if (now - last < ms) return;
    last = now;
    fn(...args);
  };
}
