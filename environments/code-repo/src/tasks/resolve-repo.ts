import { stat } from 'node:fs/promises';
import path from 'node:path';
import { CrucibleError } from '@crucible/core';

/** Where a task's `repo` field may be looked up. */
export interface RepoLookup {
  instanceId: string;
  datasetDir: string;
  reposDir?: string;
  cwd: string;
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;
const SCP_LIKE = /^[\w.-]+@[\w.-]+:/;
const OWNER_NAME = /^[\w.-]+\/[\w.-]+$/;

async function isDir(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}

/**
 * Turns a `repo` field into something `git clone` accepts: a git URL as is, else an absolute local path,
 * trying `reposDir/owner__name`, `reposDir/owner/name`, then paths relative to the dataset and the cwd.
 */
export async function resolveRepo(repo: string, lookup: RepoLookup): Promise<string> {
  if (URL_LIKE.test(repo) || SCP_LIKE.test(repo)) return repo;
  const candidates: string[] = [];
  if (path.isAbsolute(repo)) candidates.push(repo);
  else {
    if (lookup.reposDir && OWNER_NAME.test(repo)) {
      const dir = path.resolve(lookup.cwd, lookup.reposDir);
      candidates.push(path.join(dir, repo.replace('/', '__')), path.join(dir, repo));
    }
    candidates.push(path.resolve(lookup.datasetDir, repo), path.resolve(lookup.cwd, repo));
  }
  for (const candidate of candidates) {
    if (await isDir(candidate)) return candidate;
  }
  throw new CrucibleError(
    'invalid_task',
    `${lookup.instanceId}: repository "${repo}" not found (looked in ${[...new Set(candidates)].join(', ')})`,
    {
      hint: OWNER_NAME.test(repo)
        ? 'pass --repos DIR (config `repos`) holding it as DIR/owner__name or DIR/owner/name, or give a path or git URL'
        : 'give an existing local path (relative to the dataset file) or a git URL in the `repo` field',
    },
  );
}
