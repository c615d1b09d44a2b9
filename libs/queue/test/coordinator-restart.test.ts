import { beforeEach, describe, expect, it } from 'vitest';
import type { EpisodeJob } from '../src/index.js';
import { fixtureJob, fixtureRunJob } from '../src/testing/index.js';
import { inProcess, useQueueHarness } from './queue-harness.js';

const h = useQueueHarness();
beforeEach(() => h.startRedis());

describe('a coordinator SIGKILLed and started again', () => {
  it('gets the results of episodes finished meanwhile from Redis without running them again', async () => {
    const runs: string[] = [];
    await h.worker({
      workspaceVersion: 'test-1',
      concurrency: 1,
      runJob: (job: EpisodeJob, signal: AbortSignal) => {
        runs.push(job.episodeId);
        return fixtureRunJob(job, signal);
      },
    });
    const count = 8;
    const coordinator = h.script<{ episodeId: string }>('coordinator-process', { runId: 'run-c', count, sleepMs: 150 });
    await coordinator.waitFor(() => coordinator.lines.length >= 2);
    coordinator.proc.kill('SIGKILL');
    await coordinator.exited;
    expect(coordinator.lines.length).toBeLessThan(count);

    const executor = await h.executor({ runId: 'run-c', workspaceVersion: 'test-1' });
    const signal = h.signal();
    const jobs = Array.from({ length: count }, (_, i) => fixtureJob('run-c', i, { sleepMs: 150 }));
    const results = await Promise.all(jobs.map((job) => executor.execute(job, signal)));

    expect(results).toEqual(await inProcess(jobs));
    // Each episode ran exactly once, though both coordinators asked for all of them.
    expect([...runs].sort()).toEqual(jobs.map((j) => j.episodeId));
  });
});
