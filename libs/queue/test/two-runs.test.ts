import { beforeEach, describe, expect, it } from 'vitest';
import { fixtureJob, fixtureRunJob } from '../src/testing/index.js';
import { inProcess, useQueueHarness } from './queue-harness.js';

const h = useQueueHarness();
beforeEach(() => h.startRedis());

describe('two runs on one Redis', () => {
  it('share one worker pool without mixing, even with the same episode ids', async () => {
    const ran: string[] = [];
    await h.worker({
      workspaceVersion: 'test-1',
      concurrency: 4,
      runJob: (job, signal) => (ran.push(`${job.runId}/${job.episodeId}`), fixtureRunJob(job, signal)),
    });
    const executors = await Promise.all(['run-1', 'run-2'].map((runId) => h.executor({ runId, workspaceVersion: 'test-1' })));
    const signal = h.signal();
    const jobsOf = (runId: string) => Array.from({ length: 10 }, (_, i) => fixtureJob(runId, i, { sleepMs: 10 }));

    const [one, two] = await Promise.all(
      (['run-1', 'run-2'] as const).map((runId, k) => Promise.all(jobsOf(runId).map((job) => executors[k]!.execute(job, signal)))),
    );

    expect(one).toEqual(await inProcess(jobsOf('run-1')));
    expect(two).toEqual(await inProcess(jobsOf('run-2')));
    expect(one!.map((r) => r.record.runId)).toEqual(Array(10).fill('run-1'));
    expect(two!.map((r) => r.record.score)).not.toEqual(one!.map((r) => r.record.score));
    expect(ran).toHaveLength(20);
    expect(new Set(ran).size).toBe(20);
    await expect(executors[0]!.execute(fixtureJob('run-2', 0), signal)).rejects.toMatchObject({ code: 'invalid_config' });
  });
});
