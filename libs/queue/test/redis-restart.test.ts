import { describe, expect, it } from 'vitest';
import type { EpisodeJob } from '../src/index.js';
import { fixtureJob, fixtureRunJob } from '../src/testing/index.js';
import { inProcess, useQueueHarness } from './queue-harness.js';

const h = useQueueHarness();

/** Runs `count` episodes on two workers, restarting Redis once a few have finished; returns results and runs per episode. */
async function runThroughRestart(persist: boolean, count: number) {
  const redis = await h.startRedis({ persist });
  const runs = new Map<string, number>();
  let finished = 0;
  let restarted: Promise<void> | undefined;
  const runJob = async (job: EpisodeJob, signal: AbortSignal) => {
    runs.set(job.episodeId, (runs.get(job.episodeId) ?? 0) + 1);
    const result = await fixtureRunJob(job, signal);
    if (++finished === 4) restarted = redis.restart();
    return result;
  };
  for (let i = 0; i < 2; i++) await h.worker({ workspaceVersion: 'test-1', concurrency: 2, runJob, lockDurationMs: 1_000 });
  const executor = await h.executor({ runId: 'run-r', workspaceVersion: 'test-1', reconcileMs: 500 });
  const signal = h.signal();
  const jobs = Array.from({ length: count }, (_, i) => fixtureJob('run-r', i, { sleepMs: 100 }));
  const results = await Promise.all(jobs.map((job) => executor.execute(job, signal)));
  await restarted;
  return { jobs, results, runs, expected: await inProcess(jobs) };
}

describe('Redis restarted mid-run', () => {
  it('with an append-only file: every episode comes back once, those in flight retried', async () => {
    const { jobs, results, runs, expected } = await runThroughRestart(true, 16);
    expect(results).toEqual(expected);
    expect([...runs.keys()].sort()).toEqual(jobs.map((j) => j.episodeId));
  });

  it('without persistence: the coordinator re-enqueues what Redis forgot; still one result per episode', async () => {
    const { jobs, results, runs, expected } = await runThroughRestart(false, 16);
    expect(results).toEqual(expected);
    expect([...runs.keys()].sort()).toEqual(jobs.map((j) => j.episodeId));
    // Redis lost the queue, so some episodes ran twice; the coordinator still handed each over exactly once.
    expect([...runs.values()].some((n) => n > 1)).toBe(true);
  });
});
