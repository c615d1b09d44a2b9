import { createHash } from 'node:crypto';
import path from 'node:path';
import { ensureCachedDir } from './cached-dir.js';
import { buildSealedRepo } from './sealed-repo.js';
import type { WorkspaceHistory } from './workspace-options.js';

/** Bumped when what a cached checkout holds changes, so old entries are not reused. */
const LAYOUT = 'sealed-1';

/** A sanitized checkout of one commit, cached on disk and shared read-only by every episode that starts from it. */
export interface BaseCheckout {
  /** The checkout directory: the tree at `commit` plus its sealed `.git`. Never written after it is built. */
  dir: string;
  /** Its git directory, which host-side git uses (never the workspace's own copy, which the agent may change). */
  gitDir: string;
  /** The full hash checked out. */
  commit: string;
  history: WorkspaceHistory;
}

/** A readable slug for cache entries of a mirror. */
export function slugOf(mirror: string): string {
  return path.basename(mirror).replace(/\.git$/, '').replace(/[^\w.-]+/g, '_').slice(0, 40) || 'repo';
}

/** A short stable hash of the parts that define a cache entry. */
export function keyOf(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
}

/**
 * The sealed checkout of (mirror, commit, history) under `cacheDir/checkouts`, built on first use (see
 * {@link buildSealedRepo}) under a file lock and renamed into place, so concurrent episodes and processes share one.
 */
export async function ensureBaseCheckout(cacheDir: string, mirror: string, commit: string, history: WorkspaceHistory): Promise<BaseCheckout> {
  const name = `${slugOf(mirror)}-${commit.slice(0, 12)}-${history}-${keyOf(LAYOUT, mirror, commit, history)}`;
  const dir = await ensureCachedDir(path.join(cacheDir, 'checkouts', name), (tmp) => buildSealedRepo(mirror, commit, history, tmp));
  return { dir, gitDir: path.join(dir, '.git'), commit, history };
}
