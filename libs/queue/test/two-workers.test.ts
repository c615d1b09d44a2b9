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

const doneIn = (w: ChildScript<WorkerEvent>) =>
  w.lines.filter((e): e is Extract<WorkerEvent, { type: 'done' }> => e.type === 'done').map((e) => e.episodeId);

describe('two worker processes', () => {
  it('complete a run with exactly one result per episode, identical to running in process, and drain on SIGTERM', async () => {
    workers = [0, 1].map(() => runScript<WorkerEvent>('worker-process', { redis: redis.url, concurrency: 2 }));
    await Promise.all(workers.map((w) => w.waitFor((e) => e.type === 'ready')));
    executor = await createQueueExecutor({ redis: redis.url, runId: 'run-a', workspaceVersion: 'test-1' });
    const jobs = Array.from({ length: 24 }, (_, i) => fixtureJob('run-a', i, { sleepMs: 30 }));
    const signal = new AbortController().signal;

    const viaQueue = await Promise.all(jobs.map((job) => executor!.execute(job, signal)));
    const inProcess = await Promise.all(jobs.map((job) => fixtureRunJob(job, signal)));

    expect(viaQueue).toEqual(inProcess);
    const done = [...doneIn(workers[0]!), ...doneIn(workers[1]!)].sort();
    expect(done).toEqual(jobs.map((j) => j.episodeId).sort());
    expect(doneIn(workers[0]!).length).toBeGreaterThan(0);
    expect(doneIn(workers[1]!).length).toBeGreaterThan(0);

    for (const w of workers) w.proc.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
    for (const w of workers) expect(w.lines.at(-1)).toMatchObject({ type: 'stopped', failed: 0 });
  });

  it('SIGTERM lets the episode in flight finish and report before the worker exits', async () => {
    const worker = runScript<WorkerEvent>('worker-process', { redis: redis.url, concurrency: 1 });
    workers = [worker];
    await worker.waitFor((e) => e.type === 'ready');
    executor = await createQueueExecutor({ redis: redis.url, runId: 'run-a', workspaceVersion: 'test-1' });
    const signal = new AbortController().signal;
    const first = executor.execute(fixtureJob('run-a', 0, { sleepMs: 800 }), signal);
    const second = fixtureJob('run-a', 1, { sleepMs: 10 });
    await worker.waitFor((e) => e.type === 'start');
    worker.proc.kill('SIGTERM');
    await worker.waitFor((e) => e.type === 'draining');
    void executor.execute(second, signal).catch(() => undefined);

    expect((await first).record.id).toBe('ep0000');
    expect(await worker.exited).toBe(0);
    // The drained worker took nothing new: the second episode is still waiting for a worker.
    expect(doneIn(worker)).toEqual(['ep0000']);
    expect(executor.pending).toBe(1);
  });
});
