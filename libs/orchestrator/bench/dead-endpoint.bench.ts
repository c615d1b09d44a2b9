/**
 * What a dead endpoint costs: the run without any check (every episode spends its full retry schedule), the
 * up-front endpoint check that fails the CLI before scheduling, and the mid-run circuit breaker.
 * Goal (issue 9): `--base-url` of a port nobody listens on fails in about a second, not 105 s.
 * Prints measured figures and ratios; asserts nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeAnswerEnv, type AnswerTask } from '@crucible/agent/testing';
import { ComputeSchema } from '@crucible/core';
import { createModelClient, probeEndpoint } from '@crucible/model';
import { runEvaluation } from '../src/run-evaluation.js';

const TASKS = Number(process.env['BENCH_TASKS'] ?? 24);

// The agent tests' one-step answer environment, with as many tasks as the bench wants; the endpoint never answers.
const env = { ...makeAnswerEnv(), tasks: (): AnswerTask[] => Array.from({ length: TASKS }, (_, i) => ({ id: `t${i}`, prompt: `task ${i}`, reference: '0', wrong: [] })) };

async function deadUrl(): Promise<string> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [(performance.now() - t0) / 1000, value];
}

const url = await deadUrl();
const dirs: string[] = [];
async function run(breaker: boolean) {
  const runDir = await mkdtemp(join(tmpdir(), 'crucible-bench-dead-'));
  dirs.push(runDir);
  // The CLI's defaults: 5 retries per request from 0.5 s, 8 episodes in flight.
  const model = createModelClient({ model: 'm', baseUrl: url });
  return runEvaluation({
    env,
    envConfig: {},
    model,
    points: [{ label: 'default', compute: ComputeSchema.parse({}) }],
    epochs: 1,
    seed: 0,
    concurrency: 8,
    runDir,
    runId: 'bench',
    cwd: runDir,
    breaker: breaker ? { threshold: 5, probe: () => probeEndpoint({ model: 'm', baseUrl: url }).then(() => undefined) } : undefined,
  });
}

try {
  const [probeS, probeErr] = await timed(() => probeEndpoint({ model: 'm', baseUrl: url }).then(() => 'up', (e: Error) => e.message));
  const [breakerS, broken] = await timed(() => run(true));
  const [plainS, plain] = await timed(() => run(false));
  console.log(`dead endpoint ${url}, ${TASKS} tasks, 8 in flight, 5 retries per request`);
  console.log(`  no check, no breaker : ${plainS.toFixed(2)} s (${plain.errors} error episodes, ${(plainS / TASKS).toFixed(2)} s per task)`);
  console.log(`  circuit breaker (K=5): ${breakerS.toFixed(2)} s (${broken.errors} error episodes, ${broken.notRun.length} not run)`);
  console.log(`  endpoint check       : ${probeS.toFixed(3)} s -> ${probeErr}`);
  console.log(`  ratio no-check / endpoint check: ${(plainS / probeS).toFixed(0)}x; no-check / breaker: ${(plainS / breakerS).toFixed(1)}x`);
  console.log(`  projected no-check time for 100 tasks: ${((plainS / TASKS) * 100).toFixed(0)} s`);
} finally {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
}
