// Raw queue throughput: N no-op episodes (the fixture runner, ~1 KB result each) through BullMQ on a real
// redis-server, with 1, 2 and 4 worker processes. Prints jobs/s per configuration and the ratio to one worker.
// The end-to-end bench (latency server, SDK floor, local executor beside the queue) comes with the orchestrator wiring.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Redis } from 'ioredis';
import type { WorkerEvent } from '../src/index.js';
import { createQueueExecutor } from '../src/index.js';
import { fixtureJob, fixtureRunJob, startRedisServer } from '../src/testing/index.js';
import { runScript, stopChild } from '../test/child-process.js';

const N = Number(process.env.BENCH_JOBS ?? 2_000);
const WORKER_CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 16);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 256);

/** Executes `jobs` through `execute` with at most IN_FLIGHT at once (as the Scheduler would); returns wall ms. */
async function drive(count: number, execute: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(IN_FLIGHT, count) }, async () => {
      while (next < count) await execute(next++);
    }),
  );
  return performance.now() - started;
}

async function inProcess(): Promise<number> {
  const signal = new AbortController().signal;
  return drive(N, (i) => fixtureRunJob(fixtureJob('bench', i), signal));
}

/** CPU per episode (ms) of the coordinator, all workers together, and redis-server, by worker count. */
const cpuPerJob = new Map<number, { coordinator: number; workers: number; redis: number }>();

/** CPU seconds a process has used so far (Linux /proc; NaN elsewhere). */
function processCpuS(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100 on Linux)
  } catch {
    return Number.NaN;
  }
}

async function redisCpuS(url: string): Promise<number> {
  const client = new Redis(url);
  try {
    const info = await client.info('cpu');
    const value = (key: string) => Number(new RegExp(`${key}:([\\d.]+)`).exec(info)?.[1]);
    return value('used_cpu_user') + value('used_cpu_sys');
  } finally {
    client.disconnect();
  }
}

async function throughQueue(workers: number): Promise<number> {
  const redis = await startRedisServer();
  const children = Array.from({ length: workers }, () =>
    runScript<WorkerEvent>('worker-process', { redis: redis.url, concurrency: WORKER_CONCURRENCY }),
  );
  try {
    await Promise.all(children.map((c) => c.waitFor((e) => e.type === 'ready', 60_000)));
    const runId = `bench-${workers}`;
    const executor = await createQueueExecutor({ redis: redis.url, runId, workspaceVersion: 'test-1' });
    const signal = new AbortController().signal;
    const workersCpu = () => children.reduce((sum, c) => sum + processCpuS(c.proc.pid), 0);
    const [cpu, workers0, redis0] = [process.cpuUsage(), workersCpu(), await redisCpuS(redis.url)];
    const ms = await drive(N, (i) => executor.execute(fixtureJob(runId, i), signal));
    const used = process.cpuUsage(cpu);
    cpuPerJob.set(workers, {
      coordinator: (used.user + used.system) / 1000 / N,
      workers: ((workersCpu() - workers0) * 1000) / N,
      redis: (((await redisCpuS(redis.url)) - redis0) * 1000) / N,
    });
    await executor.close();
    return ms;
  } finally {
    await Promise.all(children.map((c) => stopChild(c, 'SIGTERM')));
    await redis.stop();
  }
}

const rows: Array<[number, string, number]> = [[0, 'in-process (no queue)', await inProcess()]];
for (const w of [1, 2, 4]) rows.push([w, `queue, ${w} worker process${w > 1 ? 'es' : ''}`, await throughQueue(w)]);

const oneWorker = rows[1]![2];
console.log(`queue throughput: ${N} no-op episodes, worker concurrency ${WORKER_CONCURRENCY}, ${IN_FLIGHT} in flight, ${cpus().length} CPUs`);
console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| configuration | wall s | jobs/s | vs 1 worker | CPU ms per job: coordinator / workers / redis |');
console.log('|---|---|---|---|---|');
for (const [workers, label, ms] of rows) {
  const ratio = workers > 0 ? `${(oneWorker / ms).toFixed(2)}x` : '-';
  const cpu = cpuPerJob.get(workers);
  const split = cpu ? [cpu.coordinator, cpu.workers, cpu.redis].map((v) => v.toFixed(2)).join(' / ') : '-';
  console.log(`| ${label} | ${(ms / 1000).toFixed(2)} | ${Math.round(N / (ms / 1000))} | ${ratio} | ${split} |`);
}
