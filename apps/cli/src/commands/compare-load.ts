import { basename, resolve } from 'node:path';
import { CrucibleError, isCrucibleError } from '@crucible/core';
import { RunStore } from '@crucible/orchestrator';
import { RunSide, type RunIdentity } from '@crucible/scoring';

/** One run directory read for a comparison. */
export interface LoadedRun {
  dir: string;
  runId: string;
  model: string;
  identity: RunIdentity;
  side: RunSide;
}

/**
 * Reads a run directory's `run.json` and the latest record of each episode (what `merge` and the summary
 * use). A directory that is not a run, or a corrupt line, is bad input (exit 2), not an infra fault.
 */
export async function loadRun(dir: string, role: 'BASE' | 'NEW'): Promise<LoadedRun> {
  const abs = resolve(dir);
  const store = new RunStore(abs);
  const hint = `${role} must be a run directory written by \`crucible run\`: runs/<run-id>/ with run.json and episodes.jsonl`;
  try {
    const run = await store.readRunJson();
    if (!run) throw new CrucibleError('invalid_flag', `${role} ${dir}: no run.json there`, { hint });
    const side = await new RunSide().addAll(store.latestEpisodes());
    if (side.taskIds.size === 0) throw new CrucibleError('invalid_flag', `${role} ${dir}: episodes.jsonl holds no episode`, { hint: 'compare finished runs; a run that recorded nothing has nothing to compare' });
    // The environment config is the environment's own shape; only a `dataset` path is compared.
    const config = run.env.config;
    const dataset = config !== null && typeof config === 'object' ? (config as Record<string, unknown>)['dataset'] : undefined;
    return {
      dir,
      runId: run.runId,
      model: run.model.name,
      identity: { where: dir, env: run.env.name, dataset: typeof dataset === 'string' ? basename(dataset) : undefined },
      side,
    };
  } catch (err) {
    if (isCrucibleError(err, 'user')) throw err;
    throw new CrucibleError('invalid_flag', `${role} ${dir}: ${(err as Error).message}`, { hint, cause: err });
  }
}
