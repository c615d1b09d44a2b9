import { createHash } from 'node:crypto';
import path from 'node:path';
import { CrucibleError } from '@crucible/core';
import { ensureCachedDir } from './cached-dir.js';
import { withFileLock } from '@crucible/core';
import { gitAt } from './git.js';

function isRemote(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^[\w.-]+@[\w.-]+:/.test(source);
}

/** The cache path of a repository's mirror: a readable slug plus a hash of its location. */
export function mirrorPathOf(source: string, cacheDir: string): string {
  const slug = path.basename(source.replace(/\/+$/, '')).replace(/\.git$/, '').replace(/[^\w.-]+/g, '_') || 'repo';
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 12);
  return path.join(cacheDir, `${slug}-${hash}.git`);
}

async function cloneMirror(source: string, tmp: string): Promise<void> {
  try {
    // --no-local makes git write one pack instead of hard-linking loose objects; checkouts read packs much faster.
    await gitAt(path.dirname(tmp)).clone(source, tmp, isRemote(source) ? ['--mirror'] : ['--mirror', '--no-local']);
    await gitAt(tmp).addConfig('gc.auto', '0');
  } catch (err) {
    const message = (err as Error).message.trim().split('\n').slice(-3).join(' ');
    throw new CrucibleError(isRemote(source) ? 'env_error' : 'invalid_task', `cannot clone ${source}: ${message}`, {
      hint: isRemote(source) ? 'check the URL and network access' : 'the repo field must name a git repository',
      cause: err,
    });
  }
}

/**
 * A bare mirror of `source` in `cacheDir`, cloned on first use. Concurrent callers in this process share one
 * clone; other processes wait on a lock beside it.
 */
export function ensureMirror(source: string, cacheDir: string): Promise<string> {
  return ensureCachedDir(mirrorPathOf(source, cacheDir), (tmp) => cloneMirror(source, tmp));
}

async function resolveCommit(mirror: string, commit: string): Promise<string | undefined> {
  try {
    return (await gitAt(mirror).raw(['rev-parse', '--verify', '--quiet', `${commit}^{commit}`])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The full hash of `commit` in the mirror, fetching once from the source if the mirror lacks it
 * (the source may have moved on since the mirror was made); undefined if the repository has no such commit.
 */
export async function ensureCommit(mirror: string, commit: string): Promise<string | undefined> {
  const found = await resolveCommit(mirror, commit);
  if (found) return found;
  await withFileLock(`${mirror}.lock`, async () => {
    if (await resolveCommit(mirror, commit)) return;
    const git = gitAt(mirror);
    await git.raw(['fetch', '--quiet', '--prune', 'origin']).catch(() => undefined);
    if (!(await resolveCommit(mirror, commit)) && /^[0-9a-f]{40,64}$/i.test(commit)) {
      await git.raw(['fetch', '--quiet', 'origin', commit]).catch(() => undefined);
    }
  });
  return resolveCommit(mirror, commit);
}
