import { afterEach } from 'vitest';
import {
  createQueueExecutor,
  startWorker,
  type QueueExecutor,
  type QueueExecutorOptions,
  type QueueWorker,
  type StartWorkerOptions,
  type WorkerEvent,
  type EpisodeJob,
  type ExecutedEpisode,
} from '../src/index.js';
import { fixtureRunJob, startRedisServer, type RedisServer, type RedisServerOptions } from '../src/testing/index.js';
import { runScript, stopChild, type ChildScript } from './child-process.js';

/**
 * Per-test parts on a real redis-server: everything started through it is stopped after each test, newest first
 * (coordinator, then workers and child processes, then Redis), so no process or temp dir outlives a test.
 */
export interface QueueHarness {
  /** The current test's Redis (after {@link QueueHarness.startRedis}). */
  readonly redis: RedisServer;
  startRedis(options?: RedisServerOptions): Promise<RedisServer>;
  executor(options: Omit<QueueExecutorOptions, 'redis'>): Promise<QueueExecutor>;
  worker(options: Omit<StartWorkerOptions, 'redis'>): Promise<QueueWorker>;
  /** A worker process running the fixture runner (test/fixtures/worker-process.ts). */
  workerProcess(settings?: { concurrency?: number; workspaceVersion?: string; lockDurationMs?: number }): ChildScript<WorkerEvent>;
  /** Any script under test/fixtures, as a child process. */
  script<L>(name: string, settings: Record<string, unknown>): ChildScript<L>;
  /** A run-wide signal that never aborts, shared by every execute() of a test (as a scheduler would). */
  signal(): AbortSignal;
}

/** Registers the cleanup hook and returns the harness for this test file. */
export function useQueueHarness(): QueueHarness {
  let redis: RedisServer | undefined;
  let cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups = [];
    await redis?.stop();
    redis = undefined;
  });
  const url = () => {
    if (!redis) throw new Error('call startRedis() first');
    return redis.url;
  };
  const harness: QueueHarness = {
    get redis() {
      if (!redis) throw new Error('call startRedis() first');
      return redis;
    },
    async startRedis(options) {
      redis = await startRedisServer(options);
      return redis;
    },
    async executor(options) {
      const executor = await createQueueExecutor({ redis: url(), ...options });
      cleanups.push(() => executor.close());
      return executor;
    },
    async worker(options) {
      const worker = await startWorker({ redis: url(), ...options });
      cleanups.push(() => worker.drain());
      return worker;
    },
    workerProcess(settings = {}) {
      return harness.script<WorkerEvent>('worker-process', { ...settings });
    },
    script<L>(name: string, settings: Record<string, unknown>) {
      const child = runScript<L>(name, { redis: url(), ...settings });
      cleanups.push(() => stopChild(child));
      return child;
    },
    signal() {
      return new AbortController().signal;
    },
  };
  return harness;
}

/** What the fixture runner returns for `jobs` run in this process: what the queue must reproduce. */
export function inProcess(jobs: EpisodeJob[]): Promise<ExecutedEpisode[]> {
  return Promise.all(jobs.map((job) => fixtureRunJob(job, new AbortController().signal)));
}

/** Episode ids a worker process reported done. */
export function doneIn(worker: ChildScript<WorkerEvent>): string[] {
  return worker.lines.flatMap((e) => (e.type === 'done' ? [e.episodeId] : []));
}
