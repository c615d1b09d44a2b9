import { setMaxListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQueueExecutor, startWorker, type EpisodeJob, type QueueExecutor, type QueueWorker } from '../src/index.js';
import { fixtureJob, fixtureRunJob, startRedisServer, type RedisServer } from '../src/testing/index.js';
import { runScript, stopChild, type ChildScript } from './child-process.js';

let redis: RedisServer;
let coordinator: ChildScript<{ episodeId: string }> | undefined;
let worker: QueueWorker | undefined;
let executor: QueueExecutor | undefined;

beforeEach(async () => {
  redis = await startRedisServer();
});
afterEach(async () => {
  await executor?.close();
  await worker?.drain();
  if (coordinator) await stopChild(coordinator);
  executor = worker = coordinator = undefined;
  await redis.stop();
});

describe('a coordinator SIGKILLed and started again', () => {
  it('gets the results of episodes finished meanwhile from Redis without running them again', async () => {
    const runs: string[] = [];
    worker = await startWorker({
      redis: redis.url,
      workspaceVersion: 'test-1',
      concurrency: 1,
      runJob: (job: EpisodeJob, signal: AbortSignal) => {
        runs.push(job.episodeId);
        return fixtureRunJob(job, signal);
      },
    });
    const count = 8;
    coordinator = runScript('coordinator-process', { redis: redis.url, runId: 'run-c', count, sleepMs: 150 });
    await coordinator.waitFor(() => coordinator!.lines.length >= 2);
    coordinator.proc.kill('SIGKILL');
    await coordinator.exited;
    const seenBeforeKill = coordinator.lines.length;
    expect(seenBeforeKill).toBeLessThan(count);

    executor = await createQueueExecutor({ redis: redis.url, runId: 'run-c', workspaceVersion: 'test-1' });
    const signal = new AbortController().signal;
    setMaxListeners(0, signal);
    const jobs = Array.from({ length: count }, (_, i) => fixtureJob('run-c', i, { sleepMs: 150 }));
    const results = await Promise.all(jobs.map((job) => executor!.execute(job, signal)));

    expect(results).toEqual(await Promise.all(jobs.map((job) => fixtureRunJob(job, signal))));
    // Each episode ran exactly once, though both coordinators asked for all of them.
    expect([...runs].sort()).toEqual(jobs.map((j) => j.episodeId));
  });
});
