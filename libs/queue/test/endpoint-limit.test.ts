import { beforeEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createEndpointLimiter, type EpisodeJob } from '../src/index.js';
import { fixtureJob, fixtureRunJob } from '../src/testing/index.js';
import { useQueueHarness } from './queue-harness.js';

const h = useQueueHarness();
beforeEach(() => h.startRedis());

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
  for (let i = 0; i < 3; i++) await h.worker({ workspaceVersion: 'test-1', concurrency: 4, runJob });
  const executor = await h.executor({ runId: 'run-e', workspaceVersion: 'test-1' });
  const signal = h.signal();
  const endpoints = ['http://a.example/v1', 'http://b.example/v1'];
  const jobs = Array.from({ length: 18 }, (_, i) =>
    fixtureJob('run-e', i, {
      sleepMs: 60,
      endpoint: maxConcurrency === undefined ? undefined : { baseUrl: endpoints[i % 2]!, maxConcurrency },
    }),
  );
  if (maxConcurrency === undefined) for (const [i, job] of jobs.entries()) job.model.baseUrl = endpoints[i % 2];
  await Promise.all(jobs.map((job) => executor.execute(job, signal)));
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

  it("a dead holder's slot frees itself when its lease runs out", async () => {
    const endpoint = 'http://a.example/v1';
    const holder = h.script<{ held: boolean }>('slot-holder', { endpoint, leaseMs: 400 });
    await holder.waitFor((line) => line.held);
    const client = new Redis(h.redis.url);
    try {
      const limiter = createEndpointLimiter(client, { keyOf: (url) => `test:endpoint:${url}`, leaseMs: 400 });
      // Held (and refreshed) while its holder lives, well past one lease...
      await expect(limiter.acquire(endpoint, 1, AbortSignal.timeout(1_000))).rejects.toThrow();
      // ...and free once the holder is SIGKILLed and stops refreshing.
      holder.proc.kill('SIGKILL');
      const release = await limiter.acquire(endpoint, 1, AbortSignal.timeout(5_000));
      await release();
    } finally {
      client.disconnect();
    }
  });
});
