import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CrucibleError, type RunManifest } from '@crucible/core';
import { RUN_FILES, RunStore } from './run-store.js';

/** What a merge did. */
export interface MergeOutcome {
  episodes: number;
  duplicates: number;
  /** Episodes the shards planned, when every shard's summary.json says; else undefined. */
  planned?: number;
}

/**
 * Joins shard run directories (`--shard i/n` jobs of one plan) into one run directory. All inputs must share
 * the run identity (environment, model, compute points, seed, tasks); an episode recorded twice is kept once.
 */
export async function mergeRuns(outDir: string, inputs: string[]): Promise<MergeOutcome> {
  if (inputs.length === 0) throw new CrucibleError('invalid_flag', 'nothing to merge', { hint: 'name the shard run directories' });
  const runs: RunManifest[] = [];
  for (const dir of inputs) {
    const run = await new RunStore(dir).readRunJson();
    if (!run) throw new CrucibleError('invalid_flag', `${dir} holds no run.json`, { hint: 'pass run directories written by `crucible run --shard i/n`' });
    runs.push(run);
  }
  const identity = runs[0]!.identityHash;
  const odd = inputs.find((_, i) => runs[i]!.identityHash !== identity);
  if (odd) throw new CrucibleError('run_mismatch', `${odd} is not a shard of the same run as ${inputs[0]}`, { hint: 'merge only shards of one plan (same flags, different --shard)' });
  const out = new RunStore(outDir);
  if (await out.readRunJson()) throw new CrucibleError('invalid_flag', `${outDir} already holds a run`, { hint: 'merge into a new directory' });
  await out.init();
  await out.writeRunJson({ ...runs[0]!, shard: undefined, mergedFrom: inputs });
  const seen = new Set<string>();
  let duplicates = 0;
  try {
    for (const dir of inputs) {
      const store = new RunStore(dir);
      await store.repair();
      for await (const record of store.episodes()) {
        if (seen.has(record.id)) {
          duplicates++;
          continue;
        }
        seen.add(record.id);
        if (record.trajectory) await copyFile(join(dir, record.trajectory), join(outDir, record.trajectory)).catch(() => undefined);
        await out.appendEpisode(record);
      }
    }
  } finally {
    await out.close();
  }
  return { episodes: seen.size, duplicates, planned: await plannedOf(inputs) };
}

/** The sum of the shards' planned episodes, so a merge of partial shards is itself marked partial. */
async function plannedOf(inputs: string[]): Promise<number | undefined> {
  let planned = 0;
  for (const dir of inputs) {
    const file = await readFile(join(dir, RUN_FILES.summary), 'utf8').then((t) => JSON.parse(t) as { completeness?: { planned?: number } }, () => undefined);
    if (typeof file?.completeness?.planned !== 'number') return undefined;
    planned += file.completeness.planned;
  }
  return planned;
}
