import { Job, Queue, QueueEvents } from 'bullmq';
import { CrucibleError } from '@crucible/core';
import type { EpisodeExecutor, EpisodeJob, ExecutedEpisode } from './episode-executor.js';
import { decodeFailure, type QueuedEpisode } from './job-payload.js';
import { auxKeys, DEFAULT_QUEUE_NAMES, jobIdOf, type QueueNames } from './queue-keys.js';
import { closeRedis, connectRedis, waitForRedis } from './redis-connection.js';
import type { CoordinatorEvent } from './coordinator-events.js';
import { createBatchedSubmit } from './batched-submit.js';
import { createWorkerWatch } from './worker-watch.js';

/** Options for {@link createQueueExecutor}. */
export interface QueueExecutorOptions {
  /** `redis://HOST:PORT` */
  redis: string;
  /** Every job this executor is given must belong to this run. */
  runId: string;
  /** This workspace's version; only workers with the same version run the jobs. */
  workspaceVersion: string;
  names?: QueueNames;
  onEvent?: (event: CoordinatorEvent) => void;
  /**
   * How often pending jobs are checked against Redis (a safety net for missed events, and how Redis losing its data is
   * noticed); default 5 s.
   */
  reconcileMs?: number;
  /** How often live workers are checked for a matching workspace version; default 2 s. */
  workerCheckMs?: number;
  /**
   * When workers are live but none has this workspace version for this long, pending episodes fail with
   * `run_mismatch`; default 60 s. (With no worker at all the executor keeps waiting: workers may still be starting.)
   */
  versionMismatchTimeoutMs?: number;
  /** A result handed over is removed from Redis after this long (the recorder has written it by then); default 30 s. */
  keepResultsMs?: number;
  /** How long to wait for Redis at start; default 10 s. */
  connectTimeoutMs?: number;
  /** Length of the queue's events stream (about four events per episode); default 2,000. */
  eventsMaxLen?: number;
}

/** The executor plus what the CLI may want to show. */
export interface QueueExecutor extends EpisodeExecutor {
  /** Episodes enqueued or waited for and not yet settled. */
  readonly pending: number;
  close(): Promise<void>;
}

interface Pending {
  job: EpisodeJob;
  /** Set once execute() has looked at an existing job; until then the periodic sweep leaves it alone. */
  attached: boolean;
  resolve: (value: ExecutedEpisode) => void;
  reject: (err: unknown) => void;
}

const WEEK_S = 7 * 24 * 3600;

/**
 * An {@link EpisodeExecutor} that puts episodes on the shared BullMQ queue for `crucible worker` processes. Job ids are
 * `runId.episodeId`, so a coordinator that restarts re-attaches to its jobs: one already completed hands back its
 * stored result without running again, one waiting or running is waited for, one failed is retried.
 */
export async function createQueueExecutor(options: QueueExecutorOptions): Promise<QueueExecutor> {
  const names = options.names ?? DEFAULT_QUEUE_NAMES;
  const keys = auxKeys(names);
  const emit = options.onEvent ?? (() => undefined);
  const keepResultsMs = options.keepResultsMs ?? 30_000;
  const mismatchTimeoutMs = options.versionMismatchTimeoutMs ?? 60_000;
  let lastError = 0;
  const reportError = (err: Error) => {
    if (Date.now() - lastError < 5_000) return;
    lastError = Date.now();
    emit({ type: 'error', message: err.message });
  };

  const redis = connectRedis(options.redis, reportError);
  await waitForRedis(redis, options.redis, options.connectTimeoutMs ?? 10_000).catch(async (err) => {
    await closeRedis(redis);
    throw err;
  });
  const queue = new Queue<QueuedEpisode, ExecutedEpisode>(names.queue, {
    connection: redis,
    prefix: names.prefix,
    // Every result also travels through the events stream; a short stream bounds Redis memory (a coordinator that
    // falls further behind than this picks its results up in the reconcile sweep instead).
    streams: { events: { maxLen: options.eventsMaxLen ?? 2_000 } },
    defaultJobOptions: {
      // One attempt per execute(): the orchestrator's retry decides whether an infra failure is tried again.
      attempts: 1,
      // A safety net for coordinators that never come back; results are normally removed once handed over.
      removeOnComplete: { age: WEEK_S },
      removeOnFail: { age: WEEK_S },
    },
  });
  queue.on('error', reportError);
  // QueueEvents blocks on XREAD, so it gets a connection of its own.
  const eventsRedis = redis.duplicate();
  eventsRedis.on('error', reportError);
  const events = new QueueEvents(names.queue, { connection: eventsRedis, prefix: names.prefix });
  events.on('error', reportError);
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);

  const pending = new Map<string, Pending>();
  const handedOver: Array<{ id: string; at: number }> = [];

  const settle = (id: string, outcome: { value: ExecutedEpisode } | { error: unknown }) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    if ('value' in outcome) {
      handedOver.push({ id, at: Date.now() });
      entry.resolve(outcome.value);
    } else entry.reject(outcome.error);
  };
  events.on('completed', ({ jobId, returnvalue }) => settle(jobId, { value: returnvalue as unknown as ExecutedEpisode }));
  events.on('failed', ({ jobId, failedReason }) => {
    const entry = pending.get(jobId);
    if (entry) settle(jobId, { error: decodeFailure(failedReason, entry.job.episodeId) });
  });

  const payload = (job: EpisodeJob): QueuedEpisode => ({ job, workspaceVersion: options.workspaceVersion });
  const enqueue = (id: string, job: EpisodeJob) => queue.add(job.runId, payload(job), { jobId: id });

  const submit = createBatchedSubmit(redis, queue, payload);

  /**
   * Brings one pending job in line with Redis. `fresh` is true on the first look of an execute() call, where a failed
   * job is an earlier attempt to retry; later a failed job is this attempt's failure (its event was missed).
   */
  async function reconcile(id: string, fresh: boolean): Promise<void> {
    const entry = pending.get(id);
    if (!entry || (!fresh && !entry.attached)) return;
    entry.attached = true;
    const state = await queue.getJobState(id);
    if (state === 'completed' || state === 'failed') {
      const stored = await Job.fromId<QueuedEpisode, ExecutedEpisode>(queue, id);
      if (!stored) return enqueue(id, entry.job).then(() => undefined);
      if (state === 'completed') return settle(id, { value: stored.returnvalue });
      if (fresh) return stored.retry('failed');
      return settle(id, { error: decodeFailure(stored.failedReason, entry.job.episodeId) });
    }
    // Redis lost the job (restarted without persistence): put it back; a worker still running it cannot complete it.
    if (state === 'unknown') await enqueue(id, entry.job);
  }

  async function reconcileAll(): Promise<void> {
    const ids = [...pending.keys()];
    for (let i = 0; i < ids.length; i += 200) {
      await Promise.all(ids.slice(i, i + 200).map((id) => reconcile(id, false).catch(reportError)));
    }
  }

  const watchWorkers = createWorkerWatch({
    redis,
    redisUrl: options.redis,
    workersKey: keys.workers,
    workspaceVersion: options.workspaceVersion,
    mismatchTimeoutMs,
    emit,
  });
  async function checkWorkers(): Promise<void> {
    const error = await watchWorkers(pending.size);
    if (!error) return;
    for (const id of [...pending.keys()]) {
      settle(id, { error });
      await queue.remove(id).catch(() => undefined);
    }
  }

  async function removeHandedOver(all: boolean): Promise<void> {
    const cutoff = all ? Infinity : Date.now() - keepResultsMs;
    const due: string[] = [];
    while (handedOver.length > 0 && handedOver[0]!.at <= cutoff) due.push(handedOver.shift()!.id);
    for (let i = 0; i < due.length; i += 500) {
      await Promise.all(due.slice(i, i + 500).map((id) => queue.remove(id).catch(() => undefined)));
    }
  }

  // Timers are serialised per kind so a slow Redis never stacks up overlapping sweeps.
  const every = (ms: number, fn: () => Promise<void>) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      fn().catch(reportError).finally(() => (busy = false));
    }, ms);
    timer.unref();
    return timer;
  };
  const timers = [
    every(options.reconcileMs ?? 5_000, reconcileAll),
    every(options.workerCheckMs ?? 2_000, checkWorkers),
    every(Math.max(1_000, keepResultsMs / 2), () => removeHandedOver(false)),
  ];
  // After a reconnect events may have been missed, and a Redis without persistence has lost every job.
  let wasReady = true;
  redis.on('close', () => (wasReady = false));
  redis.on('ready', () => {
    if (wasReady) return;
    wasReady = true;
    emit({ type: 'reconnected', pending: pending.size });
    void reconcileAll();
  });

  async function cancel(id: string): Promise<void> {
    const state = await queue.getJobState(id);
    if (state === 'active') {
      await redis.publish(keys.cancel, id);
      return;
    }
    if (state !== 'completed' && state !== 'failed' && state !== 'unknown') {
      // Removal fails if a worker locked it in between; then cancel it where it runs.
      await queue.remove(id).catch(() => redis.publish(keys.cancel, id));
    }
  }

  // One abort listener per signal, not per episode: a scheduler may hand one run-wide signal to thousands of executes.
  const watched = new WeakMap<AbortSignal, Set<string>>();
  function watchSignal(signal: AbortSignal, id: string): () => void {
    let ids = watched.get(signal);
    if (!ids) {
      const set = (ids = new Set());
      watched.set(signal, set);
      signal.addEventListener('abort', () => {
        for (const jobId of set) {
          if (!pending.has(jobId)) continue;
          settle(jobId, { error: signal.reason });
          void cancel(jobId).catch(reportError);
        }
        set.clear();
      }, { once: true });
    }
    ids.add(id);
    return () => ids.delete(id);
  }

  let closed = false;
  return {
    get pending() {
      return pending.size;
    },
    async execute(job, signal) {
      if (closed) throw new CrucibleError('queue_error', 'the queue executor is closed', { retryable: false });
      if (job.runId !== options.runId) {
        throw new CrucibleError('invalid_config', `job ${job.episodeId} belongs to run ${job.runId}, this executor serves run ${options.runId}`);
      }
      refuseSecrets(job);
      signal.throwIfAborted();
      const id = jobIdOf(job.runId, job.episodeId);
      if (pending.has(id)) throw new CrucibleError('queue_error', `episode ${job.episodeId} is already being executed`, { retryable: false });
      const result = new Promise<ExecutedEpisode>((resolve, reject) => pending.set(id, { job, attached: false, resolve, reject }));
      // It may settle (abort, close) while enqueue is still in flight, before it is awaited below.
      result.catch(() => undefined);
      const unwatch = watchSignal(signal, id);
      try {
        // An existing job of the same id is attached to, never enqueued twice (a resumed coordinator).
        if (await submit(id, job)) await reconcile(id, true);
        else if (pending.has(id)) pending.get(id)!.attached = true;
        return await result;
      } catch (err) {
        pending.delete(id);
        throw err;
      } finally {
        unwatch();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearInterval(t);
      const error = new CrucibleError('queue_error', 'the queue executor closed before the episode finished', { retryable: true });
      for (const id of [...pending.keys()]) settle(id, { error });
      await removeHandedOver(true).catch(reportError);
      await events.close().catch(() => undefined);
      await queue.close().catch(() => undefined);
      await closeRedis(eventsRedis);
      await closeRedis(redis);
    },
  };
}

/** Jobs sit in Redis and pass through every worker: an API key in them would leak, so it is refused, not stripped. */
function refuseSecrets(job: EpisodeJob): void {
  for (const [role, settings] of [['model', job.model], ['judge', job.judge]] as const) {
    if (settings && 'apiKey' in settings && settings.apiKey !== undefined) {
      throw new CrucibleError('invalid_config', `episode ${job.episodeId}: ${role}.apiKey must not go on the queue`, {
        hint: 'leave the key out of the job; each worker reads OPENAI_API_KEY (or its own key) from its environment',
        retryable: false,
      });
    }
  }
}
