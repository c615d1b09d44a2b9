import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CrucibleError } from '@crucible/core';
import { z } from 'zod';
import { describeIssues } from '../tasks/load-dataset.js';
import { WORKSPACE_HISTORIES } from './workspace-options.js';

/** The file in a repositories directory giving per-repository defaults. */
export const SPECS_FILE = 'specs.json';

const RepoSpecSchema = z.strictObject({
  setup_command: z.string().min(1).optional(),
  history: z.enum(WORKSPACE_HISTORIES).optional(),
});

/** Defaults for every instance of one repository; an instance's own fields win. */
export type RepoSpec = z.output<typeof RepoSpecSchema>;

const SpecsSchema = z.record(z.string(), RepoSpecSchema);
const cache = new Map<string, Promise<Record<string, RepoSpec>>>();

async function readSpecs(file: string): Promise<Record<string, RepoSpec>> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw new CrucibleError('invalid_config', `cannot read ${file}: ${err.message}`, { cause: err });
  });
  if (text === undefined) return {};
  const hint = `${SPECS_FILE} maps a repo field to {"setup_command": "...", "history": "full-past" | "none"}`;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new CrucibleError('invalid_config', `${file}: not valid JSON (${(err as Error).message})`, { hint });
  }
  const parsed = SpecsSchema.safeParse(raw);
  if (!parsed.success) throw new CrucibleError('invalid_config', `${file}: ${describeIssues(parsed.error)}`, { hint });
  return parsed.data;
}

/**
 * The spec of `repo` (the instance's field, as written) in `reposDir/specs.json`, the way SWE-bench keeps install
 * steps per repository rather than per instance. No file, or no entry, is an empty spec.
 */
export async function repoSpecOf(reposDir: string | undefined, repo: string): Promise<RepoSpec> {
  if (!reposDir) return {};
  const file = path.join(reposDir, SPECS_FILE);
  let pending = cache.get(file);
  if (!pending) {
    pending = readSpecs(file);
    cache.set(file, pending);
    pending.catch(() => cache.delete(file));
  }
  return (await pending)[repo] ?? {};
}
