import { beforeEach, describe, expect, it } from 'vitest';
import { CrucibleError } from '@crucible/core';
import { formatCoordinatorEvent, formatWorkerEvent, type CoordinatorEvent, type WorkerEvent } from '../src/index.js';
import { fixtureJob, fixtureRunJob } from '../src/testing/index.js';
import { useQueueHarness } from './queue-harness.js';

const h = useQueueHarness();
beforeEach(() => h.startRedis());

const worker = (version: string, events: WorkerEvent[]) =>
  h.worker({ workspaceVersion: version, runJob: fixtureRunJob, heartbeatMs: 200, refuseDelayMs: 100, onEvent: (e) => events.push(e) });

describe('a worker with another workspace version', () => {
  it('refuses the job with a clear message and leaves it for a matching worker', async () => {
    const oldEvents: WorkerEvent[] = [];
    const newEvents: WorkerEvent[] = [];
    await worker('v-old', oldEvents);
    const executor = await h.executor({ runId: 'run-v', workspaceVersion: 'v-new', workerCheckMs: 100 });
    const result = executor.execute(fixtureJob('run-v', 0), new AbortController().signal);
    await expect.poll(() => oldEvents.some((e) => e.type === 'refused')).toBe(true);
    await worker('v-new', newEvents);

    expect((await result).record.id).toBe('ep0000');
    expect(newEvents.filter((e) => e.type === 'done')).toHaveLength(1);
    expect(oldEvents.filter((e) => e.type === 'done' || e.type === 'start')).toHaveLength(0);
    const line = formatWorkerEvent(oldEvents.find((e) => e.type === 'refused')!);
    expect(line).toContain('needs workspace version v-new, this worker has v-old');
  });

  it('the coordinator reports the mismatch, then fails the episodes when no worker can take them', async () => {
    await worker('v-old', []);
    const events: CoordinatorEvent[] = [];
    const executor = await h.executor({
      runId: 'run-v',
      workspaceVersion: 'v-new',
      workerCheckMs: 100,
      versionMismatchTimeoutMs: 800,
      onEvent: (e) => events.push(e),
    });
    const failure = await executor.execute(fixtureJob('run-v', 0), new AbortController().signal).catch((err: unknown) => err);

    expect(failure).toBeInstanceOf(CrucibleError);
    expect(failure).toMatchObject({ code: 'run_mismatch', family: 'user', retryable: false });
    expect((failure as CrucibleError).message).toMatch(/no worker on redis:\/\/127\.0\.0\.1:\d+ runs workspace version v-new \(.* has v-old\)/);
    const mismatch = events.find((e) => e.type === 'version-mismatch')!;
    expect(mismatch).toMatchObject({ workspaceVersion: 'v-new', pending: 1 });
    expect(formatCoordinatorEvent(mismatch)).toMatch(/^queue: no connected worker runs workspace version v-new \(.+ pid \d+: v-old\); 1 episode/);
  });
});
