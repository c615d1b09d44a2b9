import { resolve } from 'node:path';
import { CrucibleError } from '@crucible/core';
import { RunStore } from '@crucible/orchestrator';

/** Resolves a RUN_DIR argument, refusing (exit 2) a directory that holds no run. */
export async function existingRunDir(dir: string): Promise<string> {
  const abs = resolve(dir);
  if (!(await new RunStore(abs).readRunJson())) {
    throw new CrucibleError('invalid_flag', `${dir} holds no run.json`, { hint: 'pass a run directory written by `crucible run`, e.g. runs/<run-id>' });
  }
  return abs;
}
