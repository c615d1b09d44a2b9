import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { DEFAULT_QUEUE_NAMES, jobIdOf, type CoordinatorEvent } from '../src/index.js';
import { fixtureJob, fixtureRunJob } from '../src/testing/index.js';
import { useQueueHarness } from './queue-harness.js';

const h = useQueueHarness();
let queue: Queue | undefined;
beforeEach(async () => {
  await h.startRedis();
  // A plain BullMQ view of the queue, to see what the executor left in Redis.
  queue = new Queue(DEFAULT_QUEUE_NAMES.queue, { connection: { url: h.redis.url }, prefix: DEFAULT_QUEUE_NAMES.prefix });
});
afterEach(async () => {
  await queue?.close();
});

describe('cancellation', () => {
  it('removes a waiting job from the queue (while the coordinator says no worker is there)', async () => {
    const events: CoordinatorEvent[] = [];
    const executor = await h.executor({ runId: 'run-x', workspaceVersion: 'test-1', workerCheckMs: 100, onEvent: (e) => events.push(e) });
    const controller = new AbortController();
    const result = executor.execute(fixtureJob('run-x', 0), controller.signal);
    const id = jobIdOf('run-x', 'ep0000');
    await expect.poll(() => queue!.getJobState(id)).toBe('waiting');
    await expect.poll(() => events).toContainEqual({ type: 'no-workers', pending: 1 });
    controller.abort(new Error('stop'));
    await expect(result).rejects.toThrow('stop');
    await expect.poll(() => queue!.getJobState(id)).toBe('unknown');
  });

  it('aborts a running episode on its worker, and the job fails so a resumed run runs it again', async () => {
    const seen: AbortSignal[] = [];
    await h.worker({
      workspaceVersion: 'test-1',
      // The first attempt hangs until cancelled; the retry (same stored job) finishes at once.
      runJob: (job, signal) => {
        seen.push(signal);
        const sleepMs = seen.length === 1 ? 10_000 : 0;
        return fixtureRunJob({ ...job, task: { ...job.task, metadata: { sleepMs } } }, signal);
      },
    });
    const executor = await h.executor({ runId: 'run-x', workspaceVersion: 'test-1' });
    const controller = new AbortController();
    const result = executor.execute(fixtureJob('run-x', 0), controller.signal);
    await expect.poll(() => seen.length).toBe(1);
    controller.abort(new Error('stop'));
    await expect(result).rejects.toThrow('stop');
    await expect.poll(() => seen[0]!.aborted).toBe(true);
    await expect.poll(() => queue!.getJobState(jobIdOf('run-x', 'ep0000'))).toBe('failed');

    // Resume: the failed job is retried, not taken as done.
    const again = await executor.execute(fixtureJob('run-x', 0), new AbortController().signal);
    expect(again.record.id).toBe('ep0000');
    expect(seen).toHaveLength(2);
  });
});
