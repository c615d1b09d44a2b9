/**
 * Memory and speed of the run store and the summary: 1k vs 100k episodes.
 * Goal (DESIGN.md): 100k episodes must not need more RAM than 1k; nothing keeps all records in memory.
 * Prints measured figures and ratios; asserts nothing.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComputeSchema, EPISODE_FORMAT_VERSION, EpisodeRecordSchema, Rng, type EpisodeRecord } from '@crucible/core';
import { finalizeRun } from '../src/finalize-run.js';
import { RunStore } from '../src/run-store.js';

function record(i: number, rng: Rng): EpisodeRecord {
  const usage = { calls: 1, promptTokens: 120, completionTokens: 300, cachedTokens: 0, reasoningTokens: 0 };
  const samples = Array.from({ length: 4 }, (_, s) => {
    const passed = rng.chance(0.6);
    const score = { value: passed ? 1 : 0, passed, answer: passed ? '42' : String(rng.int(1, 5)), details: {} };
    return { index: s, exitReason: 'submitted' as const, score, usage, steps: 1, invalidActions: 0, revisions: 0, wallMs: 20 };
  });
  return {
    format: EPISODE_FORMAT_VERSION,
    id: `ep-${i}`,
    runId: 'bench',
    env: { name: 'math', version: '1.0.0' },
    taskId: `task-${i % 2000}`,
    difficulty: 1 + (i % 5),
    model: { name: 'sim', testDouble: true },
    point: `p${Math.floor(i / 2000) % 5}`,
    compute: ComputeSchema.parse({ strategy: { samples: 4, aggregate: 'vote' } }),
    epoch: Math.floor(i / 10_000),
    seed: 0,
    status: 'ok',
    exitReason: 'submitted',
    score: samples[0]!.score,
    samples,
    usage: { ...usage, calls: 4, promptTokens: 480, completionTokens: 1200 },
    costUsd: 0.001,
    wallMs: 80,
    steps: 4,
    invalidActions: 0,
    startedAt: new Date(0).toISOString(),
    finishedAt: new Date(0).toISOString(),
  };
}

async function measure(n: number) {
  const dir = await mkdtemp(join(tmpdir(), 'crucible-bench-'));
  const store = new RunStore(dir);
  await store.init();
  await store.writeRunJson({
    format: EPISODE_FORMAT_VERSION,
    runId: 'bench',
    createdAt: new Date(0).toISOString(),
    identityHash: 'bench',
    env: { name: 'math', version: '1.0.0', config: {} },
    model: { name: 'sim', testDouble: true },
    points: [],
    epochs: 1,
    seed: 0,
    tasks: { count: 0, ids: [] },
  });
  const out = createWriteStream(store.episodesPath);
  const rng = new Rng('bench', n);
  for (let i = 0; i < n; i++) if (!out.write(`${JSON.stringify(record(i, rng))}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const t0 = performance.now();
  await finalizeRun(dir);
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  // Reading the episodes alone: the store's reader (readJsonl, format-first schema) against a bare
  // readline + JSON.parse + schema loop over the same file, the floor any validating reader has.
  const bare = async () => {
    let count = 0;
    for await (const line of createInterface({ input: createReadStream(store.episodesPath, 'utf8'), crlfDelay: Infinity })) if (line && EpisodeRecordSchema.safeParse(JSON.parse(line)).success) count++;
    return count;
  };
  const viaStore = async () => {
    let count = 0;
    for await (const _ of store.episodes()) count++;
    return count;
  };
  const timed = async (fn: () => Promise<number>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  // three interleaved rounds, medians: this machine's load moves single timings by 2x
  const bareMs: number[] = [];
  const storeMs: number[] = [];
  for (let round = 0; round < 3; round++) {
    bareMs.push(await timed(bare));
    storeMs.push(await timed(viaStore));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
  const [readBareMs, readStoreMs] = [median(bareMs), median(storeMs)];
  await rm(dir, { recursive: true, force: true });
  return { n, ms, heapGrowthMb: (peak - before) / 2 ** 20, readBareMs, readStoreMs };
}

const small = await measure(1_000);
const large = await measure(100_000);
for (const r of [small, large]) {
  console.log(`${String(r.n).padStart(7)} episodes: summarise ${r.ms.toFixed(0)} ms (${((r.n / r.ms) * 1000).toFixed(0)} episodes/s), peak heap growth ${r.heapGrowthMb.toFixed(1)} MB`);
}
for (const r of [small, large]) {
  console.log(`${String(r.n).padStart(7)} episodes: read ${r.readStoreMs.toFixed(0)} ms through the store vs ${r.readBareMs.toFixed(0)} ms bare readline+parse+schema (x${(r.readStoreMs / r.readBareMs).toFixed(2)})`);
}
console.log(`ratio 100k/1k: time x${(large.ms / small.ms).toFixed(1)}, peak heap growth x${(large.heapGrowthMb / Math.max(0.1, small.heapGrowthMb)).toFixed(1)} for x100 episodes`);
