import { beforeEach, describe, expect, it } from 'vitest';
import { fixtureJob } from '../src/testing/index.js';
import { doneIn, inProcess, useQueueHarness } from './queue-harness.js';

const h = useQueueHarness();
beforeEach(() => h.startRedis());

describe('two worker processes', () => {
  // One test, so the (slow) worker process starts are paid once.
  it('complete a run with one result per episode, identical to in process; SIGTERM drains the episode in flight', async () => {
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

    // SIGTERM while one worker runs a long episode: it finishes and reports it, and neither takes new work.
    const long = fixtureJob('run-a', 100, { sleepMs: 800 });
    const inFlight = executor.execute(long, signal);
    const started = () => workers.some((w) => w.lines.some((e) => e.type === 'start' && e.episodeId === long.episodeId));
    await expect.poll(started, { timeout: 20_000, interval: 20 }).toBe(true);
    for (const w of workers) w.proc.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.waitFor((e) => e.type === 'draining')));
    void executor.execute(fixtureJob('run-a', 101), signal).catch(() => undefined);

    expect(await inFlight).toEqual((await inProcess([long]))[0]);
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
    expect(workers.flatMap(doneIn).filter((id) => id === long.episodeId)).toHaveLength(1);
    expect(workers.flatMap(doneIn)).not.toContain('ep0101');
    expect(executor.pending).toBe(1);
    for (const w of workers) expect(w.lines.at(-1)).toMatchObject({ type: 'stopped', failed: 0 });
  });
});
