import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ComputeSchema, CrucibleError, defineEnvironment, type Task } from '@crucible/core';
import { probeEndpoint, type ModelClient } from '@crucible/model';
import { finalizeRun, runEvaluation, type RunOptions } from '@crucible/orchestrator';
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

let sim: SimServer;

/** The sim's script of a test task, and a tasks-loaded hook that registers every task's script with `server`. */
const scriptOf = (task: T): TaskScript => ({ kind: 'answer', difficulty: task.difficulty!, answer: task.answer, wrongAnswers: ['999', '998'], formats: ['#### {answer}'] });
const registerWith = (server: SimServer) => (tasks: Task[]) => tasks.forEach((t) => server.registerTask(simTaskKey(env.name, t.id), scriptOf(t as T)));
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
  it('a second process cannot write to a run directory that is in use', async () => {
    const { RunStore } = await import('@crucible/orchestrator');
    const opts = await options();
    const store = new RunStore(opts.runDir);
    await store.init();
    const { writeFile } = await import('node:fs/promises');
    // a live process (our parent) holds the lock
    await writeFile(join(opts.runDir, 'run.lock'), String(process.ppid));
    await expect(runEvaluation(opts)).rejects.toThrow(/another crucible process/);
    // a lock left by a dead process is taken over
    await writeFile(join(opts.runDir, 'run.lock'), '999999');
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
