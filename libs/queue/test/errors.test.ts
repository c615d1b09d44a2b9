import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { CrucibleError } from '@crucible/core';
import { createQueueExecutor, startWorker } from '../src/index.js';
import { fixtureJob } from '../src/testing/index.js';
import { useQueueHarness } from './queue-harness.js';

const h = useQueueHarness();

describe('errors', () => {
  it("a worker's CrucibleError reaches the coordinator with its code, hint and the worker's name", async () => {
    await h.startRedis();
    await h.worker({
      workspaceVersion: 'test-1',
      runJob: async () => {
        throw new CrucibleError('endpoint_error', 'upstream said 502', { hint: 'check the endpoint' });
      },
    });
    const executor = await h.executor({ runId: 'run-f', workspaceVersion: 'test-1' });
    const err = await executor.execute(fixtureJob('run-f', 0), new AbortController().signal).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CrucibleError);
    expect(err).toMatchObject({ code: 'endpoint_error', family: 'infra', retryable: true, hint: 'check the endpoint' });
    expect((err as Error).message).toMatch(/^episode ep0000 failed on worker .+ pid \d+: upstream said 502$/);
  });

  it('a job carrying an API key is refused before it reaches Redis', async () => {
    await h.startRedis();
    const executor = await h.executor({ runId: 'run-f', workspaceVersion: 'test-1' });
    const job = fixtureJob('run-f', 0);
    // Not a ModelSettings (it has no apiKey): what a careless caller could still hand over at run time.
    const withKey = { model: 'judge', apiKey: 'sk-test-secret' };
    job.judge = withKey;
    const err = await executor.execute(job, h.signal()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'invalid_config', message: 'episode ep0000: judge.apiKey must not go on the queue' });
    expect(executor.pending).toBe(0);
    const client = new Redis(h.redis.url);
    try {
      expect(await client.keys('*ep0000*')).toEqual([]);
    } finally {
      client.disconnect();
    }
  });

  it('an unreachable Redis fails fast with the URL and what to do; a bad URL names the flag', async () => {
    const redis = await h.startRedis();
    const url = redis.url;
    await redis.stop();
    const err = await createQueueExecutor({ redis: url, runId: 'r', workspaceVersion: 'v', connectTimeoutMs: 500 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'queue_error', hint: expect.stringContaining('start redis-server') });
    expect((err as Error).message).toContain(`cannot reach Redis at ${url}`);
    await expect(startWorker({ redis: 'localhost:6379', workspaceVersion: 'v', runJob: async () => ({}) as never })).rejects.toMatchObject({
      code: 'invalid_flag',
      message: expect.stringContaining('--redis expects a'),
    });
  });
});
