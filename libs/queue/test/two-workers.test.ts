import { beforeEach, describe, expect, it } from 'vitest';
import { fixtureJob } from '../src/testing/index.js';
import { doneIn, inProcess, useQueueHarness } from './queue-harness.js';

const h = useQueueHarness();
beforeEach(() => h.startRedis());

describe('two worker processes', () => {
  it('complete a run with exactly one result per episode, identical to running in process, and drain on SIGTERM', async () => {
    const workers = [h.workerProcess({ concurrency: 2 }), h.workerProcess({ concurrency: 2 })];
    await Promise.all(workers.map((w) => w.waitFor((e) => e.type === 'ready')));
    const executor = await h.executor({ runId: 'run-a', workspaceVersion: 'test-1' });
    const jobs = Array.from({ length: 24 }, (_, i) => fixtureJob('run-a', i, { sleepMs: 30 }));
    const signal = h.signal();

    const viaQueue = await Promise.all(jobs.map((job) => executor.execute(job, signal)));

    expect(viaQueue).toEqual(await inProcess(jobs));
    const done = [...doneIn(workers[0]!), ...doneIn(workers[1]!)].sort();
    expect(done).toEqual(jobs.map((j) => j.episodeId).sort());
    expect(doneIn(workers[0]!).length).toBeGreaterThan(0);
    expect(doneIn(workers[1]!).length).toBeGreaterThan(0);

    for (const w of workers) w.proc.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
    for (const w of workers) expect(w.lines.at(-1)).toMatchObject({ type: 'stopped', failed: 0 });
  });

  it('SIGTERM lets the episode in flight finish and report before the worker exits', async () => {
    const worker = h.workerProcess({ concurrency: 1 });
    await worker.waitFor((e) => e.type === 'ready');
    const executor = await h.executor({ runId: 'run-a', workspaceVersion: 'test-1' });
    const signal = h.signal();
    const first = executor.execute(fixtureJob('run-a', 0, { sleepMs: 800 }), signal);
    await worker.waitFor((e) => e.type === 'start');
    worker.proc.kill('SIGTERM');
    await worker.waitFor((e) => e.type === 'draining');
    void executor.execute(fixtureJob('run-a', 1, { sleepMs: 10 }), signal).catch(() => undefined);

    expect((await first).record.id).toBe('ep0000');
    expect(await worker.exited).toBe(0);
    // The drained worker took nothing new: the second episode is still waiting for a worker.
    expect(doneIn(worker)).toEqual(['ep0000']);
    expect(executor.pending).toBe(1);
  });
});
