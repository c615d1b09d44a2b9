import type { Command } from 'commander';
import { COMPUTE_FIELDS, computeFromFlat, flattenCompute, parseCompute, type Compute } from '@crucible/core';
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
    .option('--max-steps <n>', 'step limit of each sample (trajectory)', intArg(1))
    .option('--max-sample-tokens <n>', 'token budget of each sample (trajectory)', intArg(1))
    .option('--max-sample-seconds <s>', 'wall-clock budget of each sample (trajectory), batched draws included', numberArg(0.001))
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
  maxSampleTokens?: number;
  maxSampleSeconds?: number;
  maxEpisodeTokens?: number;
  maxEpisodeSeconds?: number;
}

/**
 * Merges config-file compute settings, flags and sweep overrides (later wins, per setting) and validates the
 * result. Each source may use the flat names or the groups; `computeFromFlat` maps them (see COMPUTE_FIELDS).
 */
export function resolveCompute(fromFile: Record<string, unknown> | undefined, flags: ComputeFlags, overrides: Record<string, unknown> = {}): Compute {
  const fromFlags: Record<string, unknown> = {};
  // Flag attributes are the flat names (commander camel-cases --max-sample-tokens to maxSampleTokens).
  for (const { flat } of COMPUTE_FIELDS) fromFlags[flat] = (flags as Record<string, unknown>)[flat];
  // --no-batch: commander's default `true` must not override a config file's `batch: false`.
  fromFlags['batch'] = flags.batch === false ? false : undefined;
  fromFlags['adaptive'] =
    flags.adaptive === undefined || flags.adaptive === false ? undefined : { confidence: flags.adaptive === true ? 0.95 : Number(flags.adaptive), minSamples: flags.minSamples ?? 2 };
  const merged = {
    ...flattenCompute(computeFromFlat(fromFile, 'config file compute')),
    ...flattenCompute(computeFromFlat(fromFlags, 'compute flags')),
    ...flattenCompute(computeFromFlat(overrides, 'sweep grid')),
  };
  return parseCompute(merged, 'compute settings', 'see `crucible run --help` for the compute flags');
}
