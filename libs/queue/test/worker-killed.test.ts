import { beforeEach, describe, expect, it } from 'vitest';
import { fixtureJob } from '../src/testing/index.js';
import { doneIn, inProcess, useQueueHarness } from './queue-harness.js';

const h = useQueueHarness();
beforeEach(() => h.startRedis());

describe('a worker SIGKILLed mid-episode', () => {
  it('has its episode taken by another worker once the lock expires; one result per episode', async () => {
    const lockDurationMs = 1_000;
    // Both start up front (a process start is slow on a busy machine); the heir is live when the victim dies.
    const victim = h.workerProcess({ concurrency: 2, lockDurationMs });
    const heir = h.workerProcess({ concurrency: 2, lockDurationMs });
    await Promise.all([victim, heir].map((w) => w.waitFor((e) => e.type === 'ready')));
    const executor = await h.executor({ runId: 'run-k', workspaceVersion: 'test-1' });
    const signal = h.signal();
    const jobs = Array.from({ length: 6 }, (_, i) => fixtureJob('run-k', i, { sleepMs: 600 }));
    const results = Promise.all(jobs.map((job) => executor.execute(job, signal)));

    const started = await victim.waitFor((e) => e.type === 'start');
    const held = (started as { episodeId: string }).episodeId;
    victim.proc.kill('SIGKILL');
    await victim.exited;

    expect(await results).toEqual(await inProcess(jobs));
    // Every episode finished exactly once across both workers, and the heir finished the one the victim held,
    // as a second attempt (BullMQ moved the stalled job back to waiting).
    expect([...doneIn(victim), ...doneIn(heir)].sort()).toEqual(jobs.map((j) => j.episodeId));
    expect(doneIn(victim)).not.toContain(held);
    expect(doneIn(heir)).toContain(held);
    expect(heir.lines).toContainEqual(expect.objectContaining({ type: 'start', episodeId: held, attempt: 2 }));
  });
});
