import type { Command } from 'commander';
import { intArg, numberArg } from '../options/parsers.js';
import { DEFAULT_BREAKER_THRESHOLD } from '@crucible/orchestrator';

/** Flags of `run` and `sweep` that bound what a dead or slow endpoint can cost. */
export interface RunSafetyFlags {
  /** Seconds. */
  requestTimeout?: number;
  stopAfterErrors?: number;
}

/** Adds `--request-timeout` and `--stop-after-errors`. */
export function addRunSafetyFlags(cmd: Command): Command {
  return cmd
    .option('--request-timeout <seconds>', 'give up on one model request after this long (then it is retried); default 120', numberArg(0.001))
    .option(
      '--stop-after-errors <n>',
      `after n episodes in a row end in an infra error, check the endpoint and stop the run (resumable) if it is down; 0 = never (default ${DEFAULT_BREAKER_THRESHOLD})`,
      intArg(0),
    );
}
