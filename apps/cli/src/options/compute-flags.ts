import type { Command } from 'commander';
import { ComputeSchema, type Compute } from '@crucible/core';
import { validate } from './config-file.js';
import { intArg, numberArg } from './parsers.js';

/** Adds the inference-compute flags shared by `run` and `sweep`. */
export function addComputeFlags(cmd: Command): Command {
  return cmd
    .option('--samples <n>', 'samples per task (N)', intArg(1, 10_000))
    .option('--aggregate <method>', 'how N samples become one answer: vote | best | first')
    .option('--adaptive [confidence]', 'adaptive voting: stop once the leader is decided or confident at this level (default 0.95)')
    .option('--min-samples <n>', 'adaptive voting: samples drawn before the first stop check', intArg(1))
    .option('--revisions <n>', 'sequential revisions fed by the environment check', intArg(0, 100))
    .option('--reasoning-effort <level>', 'minimal | low | medium | high')
    .option('--max-tokens <n>', 'max completion tokens per call', intArg(1))
    .option('--thinking-tokens <n>', 'thinking budget per generation (passed as --thinking-field, or enforced with --budget-forcing)', intArg(1))
    .option('--budget-forcing <mode>', 's1 budget forcing at --thinking-tokens: off | stop (cut thinking, force the answer) | wait (also extend early stops with "Wait")')
    .option('--max-waits <k>', 'budget forcing wait: most "Wait"s appended per generation (default 2)', intArg(1, 16))
    .option('--temperature <t>', 'sampling temperature', numberArg(0, 2))
    .option('--no-batch', 'send N single-turn samples as separate requests instead of one with n=N')
    .option('--max-n <n>', 'largest n per request; bigger N is split into chunks', intArg(1))
    .option('--max-steps <n>', 'step limit of each trajectory (each sample)', intArg(1))
    .option('--max-episode-tokens <n>', 'token budget of each episode, shared by all its samples (the judge\'s tokens included)', intArg(1))
    .option('--max-episode-seconds <s>', 'wall-clock budget of each episode, shared by all its samples, batched draws included', numberArg(0.001));
}

/** The compute flags as parsed by commander. */
export interface ComputeFlags {
  samples?: number;
  aggregate?: string;
  adaptive?: boolean | string;
  minSamples?: number;
  revisions?: number;
  reasoningEffort?: string;
  maxTokens?: number;
  thinkingTokens?: number;
  budgetForcing?: string;
  maxWaits?: number;
  temperature?: number;
  batch?: boolean;
  maxN?: number;
  maxSteps?: number;
  maxEpisodeTokens?: number;
  maxEpisodeSeconds?: number;
}

/** Merges config-file compute settings and flags (flags win) and validates the result. */
export function resolveCompute(fromFile: Record<string, unknown> | undefined, flags: ComputeFlags, overrides: Record<string, unknown> = {}): Compute {
  const merged: Record<string, unknown> = { ...(fromFile ?? {}) };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) merged[key] = value;
  };
  set('samples', flags.samples);
  set('aggregate', flags.aggregate);
  set('revisions', flags.revisions);
  set('reasoningEffort', flags.reasoningEffort);
  set('maxTokens', flags.maxTokens);
  set('thinkingTokens', flags.thinkingTokens);
  set('budgetForcing', flags.budgetForcing);
  set('maxWaits', flags.maxWaits);
  set('temperature', flags.temperature);
  if (flags.batch === false) merged['batch'] = false;
  set('maxN', flags.maxN);
  set('maxSteps', flags.maxSteps);
  set('maxEpisodeTokens', flags.maxEpisodeTokens);
  set('maxEpisodeSeconds', flags.maxEpisodeSeconds);
  if (flags.adaptive !== undefined && flags.adaptive !== false) {
    const confidence = flags.adaptive === true ? 0.95 : Number(flags.adaptive);
    merged['adaptive'] = { confidence, minSamples: flags.minSamples ?? 2 };
  }
  Object.assign(merged, overrides);
  return validate(ComputeSchema, merged, 'compute settings', 'see `crucible run --help` for the compute flags');
}
