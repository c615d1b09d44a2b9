import { setMaxListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQueueExecutor, type QueueExecutor, type WorkerEvent } from '../src/index.js';
import { fixtureJob, fixtureRunJob, startRedisServer, type RedisServer } from '../src/testing/index.js';
import { runScript, stopChild, type ChildScript } from './child-process.js';

let redis: RedisServer;
let workers: ChildScript<WorkerEvent>[] = [];
let executor: QueueExecutor | undefined;

beforeEach(async () => {
  redis = await startRedisServer();
});
afterEach(async () => {
  await executor?.close();
  executor = undefined;
  await Promise.all(workers.map((w) => stopChild(w)));
  workers = [];
  await redis.stop();
});

describe('a worker SIGKILLed mid-episode', () => {
  it('has its episode taken by another worker once the lock expires; one result per episode', async () => {
    const lockDurationMs = 1_000;
    // Both start up front (a process start is slow on a busy machine); the heir is live when the victim dies.
    const victim = runScript<WorkerEvent>('worker-process', { redis: redis.url, concurrency: 2, lockDurationMs });
    const heir = runScript<WorkerEvent>('worker-process', { redis: redis.url, concurrency: 2, lockDurationMs });
    workers = [victim, heir];
    await Promise.all(workers.map((w) => w.waitFor((e) => e.type === 'ready')));
    executor = await createQueueExecutor({ redis: redis.url, runId: 'run-k', workspaceVersion: 'test-1' });
    const signal = new AbortController().signal;
    setMaxListeners(0, signal);
    const jobs = Array.from({ length: 6 }, (_, i) => fixtureJob('run-k', i, { sleepMs: 600 }));
    const results = Promise.all(jobs.map((job) => executor!.execute(job, signal)));

    const started = await victim.waitFor((e) => e.type === 'start');
    victim.proc.kill('SIGKILL');
    await victim.exited;

    const got = await results;
    expect(got).toEqual(await Promise.all(jobs.map((job) => fixtureRunJob(job, signal))));
    const victimDone = victim.lines.filter((e) => e.type === 'done').map((e) => (e as { episodeId: string }).episodeId);
    const heirDone = heir.lines.filter((e) => e.type === 'done').map((e) => (e as { episodeId: string }).episodeId);
    // Every episode finished exactly once across both workers, and the heir finished the one the victim held.
    expect([...victimDone, ...heirDone].sort()).toEqual(jobs.map((j) => j.episodeId));
    expect(victimDone).not.toContain((started as { episodeId: string }).episodeId);
    expect(heirDone).toContain((started as { episodeId: string }).episodeId);
    // The heir took it as a second attempt (BullMQ moved the stalled job back to waiting).
    expect(heir.lines).toContainEqual(expect.objectContaining({ type: 'start', episodeId: (started as { episodeId: string }).episodeId, attempt: 2 }));
  });
});
