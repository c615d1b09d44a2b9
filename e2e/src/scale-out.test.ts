import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '@crucible/queue/testing';
import { crucible, tempDir } from './cli.js';
import { comparableRecords, recordIds, spawnCrucible, startCrucibleWorker, startedEpisodes, stopAll } from './cluster.js';

// Real redis-server per test (Debian package redis-server), real `crucible worker` and `crucible run --queue` processes.
// Workers use a 2 s lock so a killed worker's episodes move on quickly (shorter locks miss their renewal on a loaded
// 2-core CI machine, and a job that stalls too often fails); a throttled sim makes episodes last ~1-2 s.
const SLOW = ['--sim-tokens-per-second', '60'];
const LOCK = ['--lock-duration', '2'];

let redis: RedisServer | undefined;
afterEach(async () => {
  await stopAll();
  await redis?.stop();
  redis = undefined;
});

function runArgs(out: string, runId: string, tasks: number, url: string): string[] {
  return ['run', '--env', 'math', '--model', 'sim', '--tasks', String(tasks), '--seed', '7', '--concurrency', '4', '--out', out, '--run-id', runId, '--queue', url];
}

/** Reruns `args` until the killed run's directory lock is taken over (10 s after the crash), as a user would. */
async function rerunWhenUnlocked(args: string[]) {
  for (let i = 0; ; i++) {
    const res = await crucible(args);
    if (!res.stderr.includes('is being written by another crucible process') || i === 15) return res;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

describe('crucible run --queue with crucible worker processes', () => {
  it('two workers produce the same records as a local run of the same seed', async () => {
    redis = await startRedisServer();
    const out = await tempDir();
    const workers = await Promise.all([startCrucibleWorker(redis.url, ['--concurrency', '2']), startCrucibleWorker(redis.url, ['--concurrency', '2'])]);
    const queued = await crucible(runArgs(out, 'queued', 8, redis.url));
    expect(queued.stderr).toContain('queue: episodes go to workers on');
    expect(queued.exitCode).toBe(0);
    const local = await crucible(['run', '--env', 'math', '--model', 'sim', '--tasks', '8', '--seed', '7', '--out', out, '--run-id', 'local']);
    expect(local.exitCode).toBe(0);
    const [a, b] = [await comparableRecords(join(out, 'queued/episodes.jsonl')), await comparableRecords(join(out, 'local/episodes.jsonl'))];
    expect(a).toHaveLength(8);
    expect(a).toEqual(b);
    // Both workers took part, and each episode ran once.
    const started = workers.map((w) => startedEpisodes(w.output()));
    expect(started.every((ids) => ids.length > 0)).toBe(true);
    expect(started.flat().sort()).toEqual((a as Array<{ id: string }>).map((r) => r.id).sort());
  });

  it('a worker killed with SIGKILL mid-episode: another takes its episodes, one record per episode', async () => {
    redis = await startRedisServer();
    const out = await tempDir();
    const doomed = await startCrucibleWorker(redis.url, ['--concurrency', '4', ...LOCK, ...SLOW]);
    const run = spawnCrucible(runArgs(out, 'killed-worker', 6, redis.url));
    await doomed.waitFor(/^start /m);
    await doomed.stop('SIGKILL');
    const rescuer = await startCrucibleWorker(redis.url, ['--concurrency', '4', ...LOCK]);
    await run.proc;
    expect(run.proc.exitCode, run.output()).toBe(0);
    const ids = await recordIds(join(out, 'killed-worker/episodes.jsonl'));
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    // What the killed worker had in hand was run again by the other one.
    expect(startedEpisodes(rescuer.output()).length).toBeGreaterThanOrEqual(startedEpisodes(doomed.output()).length);
  });

  it('the coordinator killed with SIGKILL, then rerun: it resumes without running finished episodes again', async () => {
    redis = await startRedisServer();
    const out = await tempDir();
    const worker = await startCrucibleWorker(redis.url, ['--concurrency', '2', ...SLOW]);
    const args = runArgs(out, 'resumed', 6, redis.url);
    const first = spawnCrucible(args);
    await first.waitFor(/\[2\/6\]/);
    await first.stop('SIGKILL');
    const second = await rerunWhenUnlocked(args);
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/resumed: [2-5] episodes were already recorded/);
    const ids = await recordIds(join(out, 'resumed/episodes.jsonl'));
    expect(ids.sort()).toEqual([...new Set(ids)].sort());
    expect(ids).toHaveLength(6);
    // Episodes that finished while no coordinator was there were handed over from Redis, not run again.
    const started = startedEpisodes(worker.output());
    expect(started.sort()).toEqual(ids.sort());
  });

  // With an append-only file, as docs/scale-out.md tells production to run it. (Without persistence and episodes longer
  // than the lock, a job re-enqueued while its old attempt still runs can hit BullMQ's stalled limit: see the report.)
  it('Redis restarted mid-run: episodes in flight are retried, nothing lost or doubled', async () => {
    redis = await startRedisServer({ persist: true });
    const out = await tempDir();
    await startCrucibleWorker(redis.url, ['--concurrency', '3', ...LOCK, ...SLOW]);
    const run = spawnCrucible(runArgs(out, 'redis-restart', 6, redis.url));
    await run.waitFor(/\[1\/6\]/);
    await redis.restart();
    await run.proc;
    expect(run.proc.exitCode, run.output()).toBe(0);
    expect(run.output()).toContain('queue: reconnected to Redis');
    const ids = await recordIds(join(out, 'redis-restart/episodes.jsonl'));
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });

  it('a worker of another workspace version is refused with a clear message on both sides', async () => {
    redis = await startRedisServer();
    const out = await tempDir();
    const stranger = await startCrucibleWorker(redis.url, [], { CRUCIBLE_WORKSPACE_VERSION: '0.0.9-other' });
    const run = spawnCrucible(runArgs(out, 'mismatch', 2, redis.url));
    await stranger.waitFor(/refused .*the run needs workspace version 0\.1\.0-[0-9a-f]{12}, this worker has 0\.0\.9-other/);
    await run.waitFor(/no connected worker runs workspace version 0\.1\.0-[0-9a-f]{12} \(.*: 0\.0\.9-other\)/);
    expect(startedEpisodes(stranger.output())).toEqual([]);
    await run.stop('SIGTERM');
    expect(await recordIds(join(out, 'mismatch/episodes.jsonl'))).toEqual([]);
  });
});
