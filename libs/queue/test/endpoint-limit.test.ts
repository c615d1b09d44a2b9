import { setMaxListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQueueExecutor, startWorker, type EpisodeJob, type QueueExecutor, type QueueWorker } from '../src/index.js';
import { fixtureJob, fixtureRunJob, startRedisServer, type RedisServer } from '../src/testing/index.js';

let redis: RedisServer;
let workers: QueueWorker[] = [];
let executor: QueueExecutor | undefined;

beforeEach(async () => {
  redis = await startRedisServer();
});
afterEach(async () => {
  await executor?.close();
  await Promise.all(workers.map((w) => w.drain()));
  executor = undefined;
  workers = [];
  await redis.stop();
});

/** Runs 18 episodes on three workers of concurrency 4; returns the most episodes seen at one endpoint at once. */
async function peakPerEndpoint(maxConcurrency: number | undefined): Promise<Record<string, number>> {
  const now: Record<string, number> = {};
  const peak: Record<string, number> = {};
  const runJob = async (job: EpisodeJob, signal: AbortSignal) => {
    const url = job.model.baseUrl!;
    now[url] = (now[url] ?? 0) + 1;
    peak[url] = Math.max(peak[url] ?? 0, now[url]!);
    try {
      return await fixtureRunJob(job, signal);
    } finally {
      now[url]! -= 1;
    }
  };
  for (let i = 0; i < 3; i++) workers.push(await startWorker({ redis: redis.url, workspaceVersion: 'test-1', concurrency: 4, runJob }));
  executor = await createQueueExecutor({ redis: redis.url, runId: 'run-e', workspaceVersion: 'test-1' });
  const signal = new AbortController().signal;
  setMaxListeners(0, signal);
  const endpoints = ['http://a.example/v1', 'http://b.example/v1'];
  const jobs = Array.from({ length: 18 }, (_, i) =>
    fixtureJob('run-e', i, {
      sleepMs: 60,
      endpoint: maxConcurrency === undefined ? undefined : { baseUrl: endpoints[i % 2]!, maxConcurrency },
    }),
  );
  if (maxConcurrency === undefined) for (const [i, job] of jobs.entries()) job.model.baseUrl = endpoints[i % 2];
  await Promise.all(jobs.map((job) => executor!.execute(job, signal)));
  return peak;
}

describe('the per-endpoint limit in Redis', () => {
  it('holds across all workers: at most maxConcurrency episodes per endpoint at once, each endpoint on its own', async () => {
    expect(await peakPerEndpoint(2)).toEqual({ 'http://a.example/v1': 2, 'http://b.example/v1': 2 });
  });

  it('without a limit the same pool runs more at once (so the count above is the limit at work)', async () => {
    const peak = await peakPerEndpoint(undefined);
    expect(Math.max(...Object.values(peak))).toBeGreaterThan(2);
  });
});
