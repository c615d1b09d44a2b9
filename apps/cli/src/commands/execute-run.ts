import { join, resolve } from 'node:path';
import type { CacheMode } from '@crucible/model';
import { CrucibleError, isCrucibleError, newRunId } from '@crucible/core';
import { DEFAULT_BREAKER_THRESHOLD, finalizeRun, parseShard, runEvaluation, type ComputePoint } from '@crucible/orchestrator';
import { completenessBanner, count, renderConsoleSummary } from '@crucible/report';
import { checkReadableDir, checkWritableDir } from '../check-paths.js';
import { checkEndpoints, endpointsToCheck } from '../check-endpoints.js';
import { EXIT } from '../exit-codes.js';
import { runEnding } from '../run-ending.js';
import { judgeClient, setupModel } from '../model-setup.js';
import { isSimModel } from '../sim-model.js';
import { checkModelFlags, resolveModelFlags } from '../options/model-flags.js';
import { progressPrinter } from '../progress.js';
import { checkQueueFlags, openCoordinatorQueue } from '../queue/coordinator-queue.js';
import type { CommonFlags, CommonSettings } from './run-settings.js';

/**
 * Runs compute points over an environment and prints the summary: the part `run` and `sweep` share.
 * Returns the process exit code.
 */
export async function executeRun(settings: CommonSettings, flags: CommonFlags, points: ComputePoint[], argv: string[], extra: { poolOf?: number[] } = {}): Promise<number> {
  const started = Date.now();
  const shard = flags.shard ? parseShard(flags.shard) : undefined;
  const runId = flags.runId ?? newRunId();
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(runId)) {
    throw new CrucibleError('invalid_flag', `--run-id "${runId}" may hold only letters, digits, ".", "_" and "-"`, { hint: 'for example --run-id nightly-2026-11-26' });
  }
  // Before anything starts (the sim server, the model client): a machine that cannot run the environment refuses here.
  await settings.env.preflight?.(settings.envConfig, { unsafeNoSandbox: flags.unsafeNoSandbox ?? false, cwd: process.cwd() });
  const runDir = join(settings.out, runId);
  const cache = flags.cache && flags.cache !== 'off' ? { mode: flags.cache as CacheMode, dir: resolve(flags.cacheDir ?? '.crucible-cache/responses') } : undefined;
  // Paths fail before anything starts (exit 2, one line), not mid-run.
  await checkWritableDir('--out', settings.out);
  if (cache) await (cache.mode === 'replay' ? checkReadableDir('--cache-dir', cache.dir) : checkWritableDir('--cache-dir', cache.dir));
  const timeoutMs = flags.requestTimeout !== undefined ? Math.round(flags.requestTimeout * 1000) : undefined;
  const modelFlags = resolveModelFlags(flags);
  if (flags.queue) checkQueueFlags(flags);
  checkModelFlags(modelFlags.client, points.map((p) => p.compute));
  const client = { ...modelFlags.client, ...(timeoutMs !== undefined ? { timeoutMs } : {}) };
  const model = await setupModel({ model: settings.model, baseUrl: settings.baseUrl, seed: settings.seed, maxConcurrency: Math.max(8, settings.concurrency), cache, client, sim: modelFlags.sim,
    env: { name: settings.env.name, ref: settings.envRef, cwd: process.cwd() },
    warn: (message) => process.stderr.write(`crucible: warning: ${message}\n`),
  });
  const judge = flags.judge ? judgeClient(flags.judge, flags.judgeBaseUrl ?? settings.baseUrl, model, timeoutMs) : undefined;
  const endpoints = endpointsToCheck([model.client, judge], { inProcessSimUrl: model.sim?.url, replay: cache?.mode === 'replay' });
  try {
    await checkEndpoints(endpoints, timeoutMs, {
      warnSlow: (message) => process.stderr.write(`crucible: warning: ${message}; starting anyway (the circuit breaker stops the run if requests keep failing)\n`),
    });
  } catch (err) {
    await model.close();
    // A dead endpoint or an unknown model is a setup error: nothing ran, exit 2 with one line.
    if (isCrucibleError(err) && err.details?.['probe']) {
      process.stderr.write(`crucible: ${err.toLine()}\n`);
      return EXIT.usage;
    }
    throw err;
  }
  const threshold = flags.stopAfterErrors ?? DEFAULT_BREAKER_THRESHOLD;
  const breaker = threshold > 0 && endpoints.length > 0 ? { threshold, probe: () => checkEndpoints(endpoints, timeoutMs, { completion: true }) } : undefined;
  const queue = flags.queue
    ? await openCoordinatorQueue(flags.queue, runId, {
        client,
        model: settings.model,
        baseUrl: model.sim ? undefined : model.client.baseUrl,
        testDouble: model.client.testDouble,
        maxConcurrency: Math.max(8, settings.concurrency),
        judge: judge && flags.judge ? { model: flags.judge, testDouble: judge.testDouble, baseUrl: model.sim && judge.testDouble ? undefined : judge.baseUrl, timeoutMs } : undefined,
      }).catch(async (err: unknown) => {
        await model.close();
        throw err;
      })
    : undefined;
  const controller = new AbortController();
  const onSignal = () => {
    process.stderr.write('\ninterrupted: no new episodes start and in-flight ones are not recorded; rerun with the same --run-id to resume\n');
    controller.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (isSimModel(settings.model)) process.stderr.write('model: sim (a simulated policy for testing the harness; its numbers are not a real model\'s)\n');
    const outcome = await runEvaluation({
      env: settings.env,
      envConfig: settings.envConfig,
      model: model.client,
      judge,
      executor: queue?.executor,
      modelSettings: queue?.modelSettings,
      judgeSettings: queue?.judgeSettings,
      onTasksLoaded: model.onTasksLoaded,
      points,
      epochs: settings.epochs,
      seed: settings.seed,
      limit: settings.tasks,
      concurrency: settings.concurrency,
      resourceLimits: { sandbox: 2 },
      runDir,
      runId,
      shard,
      budget: settings.budget,
      price: settings.price,
      judgePrice: settings.judgePrice,
      unsafeNoSandbox: flags.unsafeNoSandbox,
      cwd: process.cwd(),
      signal: controller.signal,
      command: ['crucible', ...argv],
      trajectories: flags.trajectories !== false,
      poolOf: extra.poolOf,
      onProgress: progressPrinter(process.stderr),
      breaker,
    });
    const { summary, file } = await finalizeRun(runDir, { planned: outcome.planned, stop: outcome.stop, notRun: outcome.notRun });
    const views = { curves: file.curves, frontier: file.pareto.tokens, bestPerDifficulty: file.bestPerDifficulty, completeness: file.completeness };
    process.stdout.write(`${renderConsoleSummary(summary, views)}\n`);
    if (model.sim && !queue) {
      const stats = model.sim.stats();
      process.stdout.write(`sim served ${stats.completions} samples in ${stats.requests} requests (${count(stats.promptTokens)} prompt tokens)\n`);
    }
    if (outcome.skipped > 0) process.stdout.write(`resumed: ${outcome.skipped} episodes were already recorded, ${outcome.ran} ran now\n`);
    if (outcome.repairedBytes > 0) process.stdout.write(`dropped a torn last line (${outcome.repairedBytes} bytes) from episodes.jsonl\n`);
    if (outcome.budgetStopped) process.stdout.write(`stopped early: ${outcome.budgetStopped}; finished episodes are kept\n`);
    if (model.cacheStats) {
      const { hits, misses } = model.cacheStats();
      process.stdout.write(`response cache (${cache!.mode}, ${cache!.dir}): ${hits} hits, ${misses} misses\n`);
      if (cache!.mode === 'replay' && misses > 0) {
        process.stderr.write(`crucible: ${misses} requests were not in the cassette; those samples are recorded as model_error (record them with --cache read-write)\n`);
        return EXIT.failure;
      }
    }
    if (outcome.errors > 0) process.stdout.write(`${outcome.errors} episodes ended in error (see episodes.jsonl "error"); rerun with the same --run-id to retry them\n`);
    const ending = runEnding(outcome);
    for (const line of ending.lines) process.stdout.write(`${line}\n`);
    if (!file.complete) process.stdout.write(`${completenessBanner(file.completeness)}\n`);
    process.stdout.write(`run directory: ${runDir}\nwall time: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return ending.code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await queue?.close();
    await model.close();
  }
}
