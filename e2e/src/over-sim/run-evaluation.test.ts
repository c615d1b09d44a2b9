import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ComputeSchema, CrucibleError, defineEnvironment, type Task } from '@crucible/core';
import { probeEndpoint, type ModelClient } from '@crucible/model';
import { episodeTokens, executeEpisode, finalizeRun, priceRecord, runEvaluation, type EpisodeExecutor, type EpisodeJob, type RunOptions } from '@crucible/orchestrator';
import { createSimClient, simTaskKey, startSimServer, type SimServer, type TaskScript } from '@crucible/sim';

interface T extends Task {
  answer: string;
  /** How many times open() fails with an infra error before it works; -1 = a user error every time. */
  failOpens?: number;
}

const opens = new Map<string, number>();

const env = defineEnvironment({
  name: 'orch-test',
  version: '1.0.0',
  description: 'test environment for the orchestrator',
  mode: 'single-turn',
  answerTool: { tool: 'submit', field: 'answer' },
  config: z.object({ n: z.number().int().default(10) }).strict(),
  tools: { submit: { description: 'Submit', input: z.object({ answer: z.string() }) } },
  system: () => 'Answer with #### N.',
  tasks: (config: { n: number }): T[] =>
    Array.from({ length: config.n }, (_, i) => ({
      id: `t${i}`,
      prompt: `task ${i}`,
      difficulty: 1 + (i % 5),
      answer: String(i),
      failOpens: i === 3 ? 2 : i === 5 ? -1 : 0,
    })),
  open: async (task: T) => {
    const n = (opens.get(task.id) ?? 0) + 1;
    opens.set(task.id, n);
    if (task.failOpens === -1) throw new CrucibleError('invalid_task', `${task.id}: the task data is broken`);
    if (task.failOpens && n <= task.failOpens) throw new CrucibleError('sandbox_error', 'sandbox slot unavailable');
    let got: string | undefined;
    return {
      observation: task.prompt,
      step: async (action) => {
        got = /####\s*(\S+)/.exec(action.input.answer)?.[1];
        return { observation: 'ok', reward: 0, terminated: true, truncated: false, info: {} };
      },
      score: async () => ({ value: got === task.answer ? 1 : 0, passed: got === task.answer, answer: got, details: {} }),
      close: async () => undefined,
    };
  },
});

/** The tasks-loaded hook the CLI installs for the sim: each task's script, registered out of band. */
const scriptOf = (task: T): TaskScript => ({ kind: 'answer', difficulty: task.difficulty!, answer: task.answer, wrongAnswers: ['999', '998'], formats: ['#### {answer}'] });
const registerWith = (server: SimServer) => (tasks: Task[]) => tasks.forEach((t) => server.registerTask(simTaskKey(env.name, t.id), scriptOf(t as T)));

let sim: SimServer;
let model: ModelClient;
beforeAll(async () => {
  sim = await startSimServer({ seed: 3 });
  model = createSimClient({ baseUrl: sim.url });
});
const temps: string[] = [];
afterAll(async () => {
  await sim.close();
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});

async function temp(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

async function options(extra: Partial<RunOptions> = {}): Promise<RunOptions> {
  const runDir = await temp('crucible-orch-');
  return {
    env,
    envConfig: { n: 10 },
    model,
    onTasksLoaded: registerWith(sim),
    points: [{ label: 'default', compute: ComputeSchema.parse({}) }],
    epochs: 1,
    seed: 0,
    concurrency: 3,
    runDir,
    runId: 'test',
    cwd: runDir,
    ...extra,
  };
}

async function lines(runDir: string) {
  return (await readFile(join(runDir, 'episodes.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

describe('runEvaluation', () => {
  it('retries infra faults, records bad tasks as errors and keeps going', async () => {
    opens.clear();
    const opts = await options();
    const outcome = await runEvaluation(opts);
    expect(outcome).toMatchObject({ planned: 10, ran: 10, skipped: 0, errors: 1 });
    const records = await lines(opts.runDir);
    const t3 = records.find((r) => r.taskId === 't3');
    expect(t3.status).toBe('ok');
    expect(opens.get('t3')).toBeGreaterThanOrEqual(3);
    const t5 = records.find((r) => r.taskId === 't5');
    expect(t5).toMatchObject({ status: 'error', error: { code: 'invalid_task' } });
    expect(opens.get('t5')).toBe(1); // user errors are not retried
    const { summary } = await finalizeRun(opts.runDir);
    expect(summary.overall?.errors).toBe(1);
    expect(summary.testDouble).toBe(true);
  });

  it('a token budget stops starting episodes and keeps the finished ones', async () => {
    const opts = await options({ concurrency: 1, budget: { maxTokens: 300 }, envConfig: { n: 30 } });
    const outcome = await runEvaluation(opts);
    expect(outcome.budgetStopped).toMatch(/token budget/);
    expect(outcome.ran).toBeLessThan(30);
    expect(outcome.ran).toBeGreaterThan(0);
    expect(await lines(opts.runDir)).toHaveLength(outcome.ran);
  });

  it('a cancelled run records nothing it did not finish, and resume completes it', async () => {
    const slow = await startSimServer({ seed: 3, latencyMs: 150 });
    const slowModel = createSimClient({ baseUrl: slow.url });
    const controller = new AbortController();
    const opts = await options({ model: slowModel, onTasksLoaded: registerWith(slow), concurrency: 2, signal: controller.signal });
    setTimeout(() => controller.abort(), 400);
    const first = await runEvaluation(opts);
    expect(first.cancelled).toBe(true);
    const kept = await lines(opts.runDir);
    expect(kept.length).toBeLessThan(10);
    expect(kept.every((r) => r.exitReason !== 'cancelled')).toBe(true);
    expect(first.stop).toEqual({ reason: 'cancelled' });
    expect(first.notRun).toHaveLength(10 - kept.filter((r) => r.status === 'ok').length - kept.filter((r) => r.status === 'error').length);
    // Every output of the partial run says so.
    const partial = await finalizeRun(opts.runDir, { planned: first.planned, stop: first.stop, notRun: first.notRun });
    expect(partial.file).toMatchObject({ complete: false, completeness: { complete: false, planned: 10, skipped: first.notRun.length, reason: 'cancelled' } });
    const junit = await readFile(join(opts.runDir, 'junit.xml'), 'utf8');
    expect((junit.match(/<skipped /g) ?? []).length).toBe(first.notRun.length);
    expect(await readFile(join(opts.runDir, 'summary.md'), 'utf8')).toContain('PARTIAL RUN (cancelled)');
    expect(await readFile(join(opts.runDir, 'report.html'), 'utf8')).toContain('id="partial-run"');
    const second = await runEvaluation({ ...opts, signal: undefined });
    // finished ok episodes are kept; error episodes (t5's bad data) run again on resume
    expect(second.skipped).toBe(kept.filter((r) => r.status === 'ok').length);
    const all = await lines(opts.runDir);
    expect(new Set(all.map((r) => r.id)).size).toBe(10);
    const { summary } = await finalizeRun(opts.runDir);
    expect(summary.episodes).toBe(10); // one record per episode: the latest
    await slow.close();
  });

  it('shards split the episodes between jobs', async () => {
    const a = await options({ shard: { index: 1, count: 2 } });
    const b = await options({ shard: { index: 2, count: 2 } });
    const ra = await runEvaluation(a);
    const rb = await runEvaluation(b);
    expect(ra.planned + rb.planned).toBe(10);
    const ids = [...(await lines(a.runDir)), ...(await lines(b.runDir))].map((r) => r.id);
    expect(new Set(ids).size).toBe(10);
  });
});

describe('run cost budget', () => {
  it('stops starting episodes once the priced cost is reached', async () => {
    const opts = await options({ concurrency: 1, envConfig: { n: 30 }, budget: { maxCostUsd: 0.0005 }, price: { input: 1, output: 4, source: 'test' } });
    const outcome = await runEvaluation(opts);
    expect(outcome.budgetStopped).toMatch(/cost budget/);
    const records = await lines(opts.runDir);
    expect(records.length).toBe(outcome.ran);
    expect(records.length).toBeLessThan(30);
    const spent = records.reduce((s, r) => s + r.costUsd, 0);
    // it stops at the first episode that crosses the budget
    expect(spent).toBeGreaterThanOrEqual(0.0005);
    expect(spent - records.at(-1).costUsd).toBeLessThan(0.0005);
  });
});

describe('merging shards', () => {
  it('joins shard directories into one run and refuses unrelated runs', async () => {
    const { mergeRuns } = await import('@crucible/orchestrator');
    const a = await options({ shard: { index: 1, count: 2 } });
    const b = await options({ shard: { index: 2, count: 2 } });
    await runEvaluation(a);
    await runEvaluation(b);
    const out = join(await temp('crucible-merge-'), 'merged');
    expect(await mergeRuns(out, [a.runDir, b.runDir, a.runDir])).toEqual({ episodes: 10, duplicates: (await lines(a.runDir)).length });
    expect(await lines(out)).toHaveLength(10);
    const { summary } = await finalizeRun(out);
    expect(summary.overall?.tasks).toBe(10);
    // Shards that were summarised carry their plan: the merge knows whether it is whole.
    const half = await options({ shard: { index: 1, count: 2 }, budget: { maxTokens: 1 }, concurrency: 1 });
    const rh = await runEvaluation(half);
    await finalizeRun(half.runDir, { planned: rh.planned, stop: rh.stop, notRun: rh.notRun });
    const rb2 = await options({ shard: { index: 2, count: 2 } });
    const rb2Outcome = await runEvaluation(rb2);
    await finalizeRun(rb2.runDir, { planned: rb2Outcome.planned });
    const partialOut = join(await temp('crucible-merge-'), 'merged');
    expect(await mergeRuns(partialOut, [half.runDir, rb2.runDir])).toMatchObject({ planned: 10 });
    const merged = await finalizeRun(partialOut, { planned: 10 });
    expect(merged.file.completeness).toMatchObject({ complete: false, planned: 10, skipped: rh.notRun.length });
    const other = await options({ seed: 99 });
    await runEvaluation(other);
    await expect(mergeRuns(join(out, '..', 'again'), [a.runDir, other.runDir])).rejects.toThrow(/not a shard of the same run/);
  });
});

describe('run directory safety', () => {
  it('a second writer cannot write to a run directory that is in use; a lock left by a crash is taken over', async () => {
    const { RunStore } = await import('@crucible/orchestrator');
    const { mkdir, utimes } = await import('node:fs/promises');
    const opts = await options();
    const store = new RunStore(opts.runDir);
    await store.init();
    const release = await store.lock();
    await expect(runEvaluation(opts)).rejects.toThrow(/being written by another crucible process/);
    await release();
    // what a killed run leaves: the lock directory, no longer refreshed
    await mkdir(join(opts.runDir, 'run.lock'));
    const old = new Date(Date.now() - 60_000);
    await utimes(join(opts.runDir, 'run.lock'), old, old);
    await expect(runEvaluation(opts)).resolves.toMatchObject({ ran: 10 });
  });

  it('run budgets carry over a resume', async () => {
    const opts = await options({ concurrency: 1, budget: { maxTokens: 300 }, envConfig: { n: 30 } });
    const first = await runEvaluation(opts);
    expect(first.budgetStopped).toBeDefined();
    const again = await runEvaluation(opts);
    expect(again.ran).toBe(0);
    expect(again.budgetStopped ?? 'stopped before starting').toBeDefined();
  });
});

/** A port nothing listens on (it was free a moment ago). */
async function deadPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

describe('circuit breaker', () => {
  it('an endpoint that is down stops the run after K infra failures in a row, resumable and marked partial', async () => {
    const url = `http://127.0.0.1:${await deadPort()}/v1`;
    const dead = createSimClient({ baseUrl: url, maxRetries: 0 });
    let probes = 0;
    const opts = await options({
      model: dead,
      onTasksLoaded: undefined,
      envConfig: { n: 40 },
      concurrency: 2,
      breaker: { threshold: 3, probe: () => (probes++, probeEndpoint({ model: 'sim', baseUrl: url, testDouble: true, timeoutMs: 2000 }).then(() => undefined)) },
    });
    const outcome = await runEvaluation(opts);
    expect(probes).toBe(1);
    expect(outcome.endpointDown).toMatch(/3 episodes in a row failed and the endpoint does not answer: .*ECONNREFUSED/);
    expect(outcome.stop?.reason).toBe('endpoint_down');
    expect(outcome.cancelled).toBe(false);
    expect(outcome.ran).toBeLessThan(10);
    expect(outcome.notRun.length).toBe(40 - outcome.ran);
    expect(outcome.topErrors[0]).toMatchObject({ count: outcome.errors, message: expect.stringContaining(url) });
    const { file } = await finalizeRun(opts.runDir, { planned: outcome.planned, stop: outcome.stop, notRun: outcome.notRun });
    expect(file.completeness).toMatchObject({ complete: false, reason: 'endpoint_down', errors: outcome.errors, skipped: 40 - outcome.ran });
    // Errors are not wrong answers: nothing was scored, so there is no accuracy to speak of.
    expect(file.summary.overall).toMatchObject({ scored: 0, errors: outcome.errors, errorRate: 1 });
    // Resumable: the same directory on a live endpoint finishes the plan.
    const resumed = await runEvaluation({ ...opts, model, onTasksLoaded: registerWith(sim), breaker: undefined });
    expect(resumed.notRun).toEqual([]);
    const done = await finalizeRun(opts.runDir, { planned: resumed.planned, stop: resumed.stop, notRun: resumed.notRun });
    expect(done.file.completeness).toMatchObject({ planned: 40, skipped: 0 });
    expect(done.file.summary.overall?.episodes).toBe(40);
  });
});

describe('executors', () => {
  /** What must not differ between two runs of the same plan: everything but timings (and the sim's prompt cache, warm on the second run). */
  const stable = (r: Record<string, unknown>): unknown =>
    JSON.parse(JSON.stringify(r, (key, value: unknown) => (['startedAt', 'finishedAt', 'wallMs', 'cachedTokens'].includes(key) ? undefined : value)));

  it('a job survives JSON and runs to the same record on an executor passed in', async () => {
    const local = await options();
    await runEvaluation(local);
    const jobs: string[] = [];
    const executor: EpisodeExecutor = {
      // a worker elsewhere sees only the JSON of the job; it runs it with its own environment and clients
      execute: (job, signal) => {
        jobs.push(JSON.stringify(job));
        return executeEpisode(JSON.parse(JSON.stringify(job)) as EpisodeJob, { env, model, cwd: local.cwd, signal });
      },
    };
    const remote = await options({ executor });
    const outcome = await runEvaluation(remote);
    expect(outcome).toMatchObject({ ran: 10, errors: 1 });
    expect(jobs).toHaveLength(10);
    expect(JSON.parse(jobs[0]!)).toMatchObject({ runId: 'test', env: { name: 'orch-test', config: { n: 10 } }, model: { model: 'sim', testDouble: true }, trajectories: true });
    const byId = (rs: Array<Record<string, unknown>>) => new Map(rs.map((r) => [r['id'], stable(r)]));
    expect(byId(await lines(remote.runDir))).toEqual(byId(await lines(local.runDir)));
  });

  it('onTasksLoaded runs once before any episode; a rejection fails the run before one runs', async () => {
    const calls: number[] = [];
    const opts = await options({ onTasksLoaded: (tasks) => (calls.push(tasks.length), registerWith(sim)(tasks)), onProgress: () => calls.push(-1) });
    await runEvaluation(opts);
    expect(calls[0]).toBe(10);
    expect(calls.filter((c) => c === 10)).toHaveLength(1);
    const failing = await options({ onTasksLoaded: () => Promise.reject(new CrucibleError('invalid_config', 'no scripts for these tasks')) });
    await expect(runEvaluation(failing)).rejects.toThrow('no scripts for these tasks');
    await expect(readFile(join(failing.runDir, 'episodes.jsonl'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('prices each role at its own rate and budgets count both', async () => {
    const opts = await options({ concurrency: 1, price: { input: 1, output: 4, source: 'test' }, judgePrice: { input: 10, output: 40, source: 'test' } });
    await runEvaluation(opts);
    const [first] = await lines(opts.runDir);
    expect(first.cost).toEqual({ policy: first.costUsd, judge: 0 }); // no judge ran
    const judgeUsage = { calls: 1, promptTokens: 1000, completionTokens: 100, cachedTokens: 0, reasoningTokens: 0 };
    const priced = priceRecord({ ...first, judgeUsage }, { policy: { input: 1, output: 4 }, judge: { input: 10, output: 40 } });
    expect(priced.cost!.judge).toBeCloseTo((1000 * 10 + 100 * 40) / 1e6, 12);
    expect(priced.costUsd).toBeCloseTo(priced.cost!.policy! + priced.cost!.judge!, 12);
    expect(priceRecord({ ...first, judgeUsage }, { policy: { input: 1, output: 4 } })).toMatchObject({ cost: { judge: null }, costUsd: null });
    expect(episodeTokens({ ...first, judgeUsage })).toBe(first.usage.promptTokens + first.usage.completionTokens + 1100);
  });
});
