import { resolve } from 'node:path';
import { CrucibleError, PriceSchema, type Compute, type EnvironmentDefinition, type Price, type RunBudget } from '@crucible/core';
import { loadEnvironment } from '@crucible/orchestrator';
import { coerceValues, readConfigFile, validate, type ConfigFile } from '../options/config-file.js';
import type { ModelFlags } from '../options/model-flags.js';
import { isSimModel } from '../sim-model.js';
import type { RunSafetyFlags } from './run-safety-flags.js';
import type { QueueFlags } from '../queue/queue-flags.js';

/** Flags shared by `run` and `sweep`. */
export interface CommonFlags extends RunSafetyFlags, ModelFlags, QueueFlags {
  env?: string;
  model?: string;
  baseUrl?: string;
  judge?: string;
  judgeBaseUrl?: string;
  tasks?: number;
  concurrency?: number;
  seed?: number;
  epochs?: number;
  dataset?: string;
  envConfig?: Record<string, string>;
  out?: string;
  runId?: string;
  config?: string;
  shard?: string;
  maxRunTokens?: number;
  maxRunCost?: number;
  price?: Record<string, string>;
  judgePrice?: Record<string, string>;
  unsafeNoSandbox?: boolean;
  allowSetupNetwork?: boolean;
  trajectories?: boolean;
  cache?: string;
  cacheDir?: string;
}

/** Flags and config file merged and validated, before any model call. */
export interface CommonSettings {
  file: ConfigFile;
  env: EnvironmentDefinition;
  /** The `--env` the environment was loaded by (an installed name or a path). */
  envRef: string;
  envConfig: unknown;
  model: string;
  baseUrl?: string;
  tasks?: number;
  concurrency: number;
  seed: number;
  epochs: number;
  out: string;
  budget?: RunBudget;
  price?: Price & { source: string };
  /** The judge's own price, so its tokens are charged at its rate (not the policy's). */
  judgePrice?: Price & { source: string };
}

/** Fictional prices for the sim, so cost curves have an axis; labelled as such wherever they appear. */
const SIM_PRICE: Price & { source: string } = { input: 1, cachedInput: 0.25, output: 4, source: 'sim (fictional price for demonstration)' };

/** A role's price: its flag, else the config file's, else the sim's fictional price when that role is the sim. */
function priceOf(flag: Record<string, string> | undefined, name: string, fromFile: Price | undefined, model: string): (Price & { source: string }) | undefined {
  if (flag) return { ...validate(PriceSchema, coerceValues(flag), name, `for example ${name} input=2.5 ${name} output=10 (dollars per million tokens)`), source: 'flag' };
  if (fromFile) return { ...fromFile, source: 'config file' };
  return isSimModel(model) ? SIM_PRICE : undefined;
}

/** Merges `--config`, flags and defaults; loads the environment and validates its config. */
export async function resolveCommon(flags: CommonFlags, cwd: string): Promise<CommonSettings> {
  const file = flags.config ? await readConfigFile(resolve(cwd, flags.config)) : {};
  const envName = flags.env ?? file.env;
  if (!envName) throw new CrucibleError('invalid_flag', 'no environment given', { hint: 'pass --env NAME (see `crucible envs`)' });
  const model = flags.model ?? file.model;
  if (!model) throw new CrucibleError('invalid_flag', 'no model given', { hint: 'pass --model NAME, or --model sim for the offline simulated model' });
  const env = await loadEnvironment(envName, cwd);
  const rawEnvConfig: Record<string, unknown> = { ...(file.envConfig ?? {}), ...coerceValues(flags.envConfig ?? {}) };
  if (flags.allowSetupNetwork) rawEnvConfig['allowSetupNetwork'] = true;
  if (flags.dataset) rawEnvConfig['dataset'] = resolve(cwd, flags.dataset);
  else if (typeof rawEnvConfig['dataset'] === 'string' && flags.config) rawEnvConfig['dataset'] = resolve(cwd, rawEnvConfig['dataset'] as string);
  const envConfig = validate(env.config, rawEnvConfig, `environment "${env.name}" config`, `see the ${env.name} environment's config fields; set them with --env-config key=value`);
  if (flags.cache !== undefined && !['off', 'read-write', 'replay'].includes(flags.cache)) {
    throw new CrucibleError('invalid_flag', `--cache "${flags.cache}" is not off, read-write or replay`, { hint: 'for example --cache replay --cache-dir ci/cassettes' });
  }
  const budget: RunBudget = { ...(file.budget ?? {}) };
  if (flags.maxRunTokens !== undefined) budget.maxTokens = flags.maxRunTokens;
  if (flags.maxRunCost !== undefined) budget.maxCostUsd = flags.maxRunCost;
  const price = priceOf(flags.price, '--price', file.price, model);
  const judge = flags.judge;
  const judgePrice = judge ? priceOf(flags.judgePrice, '--judge-price', file.judgePrice, judge) : undefined;
  if (budget.maxCostUsd !== undefined && !price) {
    throw new CrucibleError('invalid_flag', 'a cost budget needs a price', { hint: 'pass --price input=X --price output=Y (dollars per million tokens)' });
  }
  if (budget.maxCostUsd !== undefined && judge && !judgePrice) {
    throw new CrucibleError('invalid_flag', `a cost budget with a judge needs the judge's price (judge "${judge}")`, { hint: 'pass --judge-price input=X --judge-price output=Y (dollars per million tokens); judge tokens are charged at the judge\'s rate' });
  }
  return {
    file,
    env,
    envRef: envName,
    envConfig,
    model,
    baseUrl: flags.baseUrl ?? file.baseUrl,
    tasks: flags.tasks ?? file.tasks,
    concurrency: flags.concurrency ?? file.concurrency ?? 8,
    seed: flags.seed ?? file.seed ?? 0,
    epochs: flags.epochs ?? file.epochs ?? 1,
    out: resolve(cwd, flags.out ?? file.out ?? 'runs'),
    budget: Object.keys(budget).length ? budget : undefined,
    price,
    judgePrice,
  };
}

/**
 * Best-of-N needs something to rank candidates by: the environment's own check, or an LLM judge. Asked per task
 * (an environment may verify some tasks and not others: code-repo only those with visible tests), after the
 * tasks load and before any model call, so a sweep does not run for an hour and then rank by sample order.
 */
export async function checkSelection(settings: Pick<CommonSettings, 'env' | 'envConfig' | 'seed' | 'tasks'>, computes: Compute[], judge: string | undefined, cwd: string): Promise<void> {
  const needsRanking = computes.some((c) => c.strategy.aggregate === 'best' && c.strategy.samples > 1);
  if (!needsRanking || judge) return;
  const { env, envConfig } = settings;
  const loaded = await env.tasks(envConfig, { seed: settings.seed, limit: settings.tasks, cwd });
  const tasks = settings.tasks !== undefined ? loaded.slice(0, settings.tasks) : loaded;
  const unranked = tasks.filter((t) => !env.canVerify?.(t, envConfig));
  if (unranked.length === 0) return;
  const which = unranked.length === tasks.length ? `no task of environment "${env.name}" has` : `${unranked.length} of ${tasks.length} tasks of environment "${env.name}" have`;
  const examples = unranked.slice(0, 3).map((t) => t.id).join(', ') + (unranked.length > 3 ? ', ...' : '');
  throw new CrucibleError('invalid_flag', `--aggregate best needs a way to rank samples, and ${which} a verify() (${examples})`, {
    hint: 'pass --judge MODEL (for example --judge sim), use --aggregate vote, or give the tasks a check (code-repo: visible_tests)',
  });
}

/** Used by both commands to describe one resolved compute point; the labels are those of earlier runs, so baselines compare. */
export function describeCompute(compute: Compute): string {
  const c = { ...compute.strategy, ...compute.sampling };
  const parts = [`samples=${c.samples}`];
  if (c.samples > 1) parts.push(`aggregate=${c.aggregate}`);
  if (c.reasoningEffort) parts.push(`effort=${c.reasoningEffort}`);
  if (c.thinkingTokens !== undefined) parts.push(`thinking=${c.thinkingTokens}`);
  if (c.budgetForcing && c.budgetForcing !== 'off') parts.push(`forcing=${c.budgetForcing}`);
  if (c.temperature !== undefined) parts.push(`T=${c.temperature}`);
  if (c.revisions) parts.push(`revisions=${c.revisions}`);
  if (c.adaptive) parts.push(`adaptive=${c.adaptive.confidence}`);
  return parts.join(' ');
}
