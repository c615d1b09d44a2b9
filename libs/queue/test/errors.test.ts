import { afterEach, describe, expect, it } from 'vitest';
import { CrucibleError } from '@crucible/core';
import { createQueueExecutor, startWorker, type QueueExecutor, type QueueWorker } from '../src/index.js';
import { fixtureJob, startRedisServer, type RedisServer } from '../src/testing/index.js';

let redis: RedisServer | undefined;
let worker: QueueWorker | undefined;
let executor: QueueExecutor | undefined;

afterEach(async () => {
  await executor?.close();
  await worker?.drain();
  await redis?.stop();
  executor = worker = redis = undefined;
});

describe('errors', () => {
  it("a worker's CrucibleError reaches the coordinator with its code, hint and the worker's name", async () => {
    redis = await startRedisServer();
    worker = await startWorker({
      redis: redis.url,
      workspaceVersion: 'test-1',
      runJob: async () => {
        throw new CrucibleError('endpoint_error', 'upstream said 502', { hint: 'check the endpoint' });
      },
    });
    executor = await createQueueExecutor({ redis: redis.url, runId: 'run-f', workspaceVersion: 'test-1' });
    const err = await executor.execute(fixtureJob('run-f', 0), new AbortController().signal).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CrucibleError);
    expect(err).toMatchObject({ code: 'endpoint_error', family: 'infra', retryable: true, hint: 'check the endpoint' });
    expect((err as Error).message).toMatch(/^episode ep0000 failed on worker .+ pid \d+: upstream said 502$/);
  });

  it('an unreachable Redis fails fast with the URL and what to do; a bad URL names the flag', async () => {
    redis = await startRedisServer();
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
