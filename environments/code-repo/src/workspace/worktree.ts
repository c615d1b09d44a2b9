import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gitAt } from './git.js';

/** One checkout of a commit: an episode's workspace or a scoring checkout. */
export interface Worktree {
  /** The checkout directory (the only place an agent may write). */
  path: string;
  /** Its private git directory inside the mirror (`<mirror>/worktrees/<name>`). */
  gitDir: string;
  /** The bare mirror it belongs to. */
  mirror: string;
  /** The full hash it was created at. */
  commit: string;
}

/**
 * Worktree add, remove and prune on one mirror run one at a time. Git deletes `<mirror>/worktrees` when its last
 * entry goes, so a concurrent `worktree add` can find the directory gone ("could not create directory of
 * 'worktrees/...'"). The operations themselves are short; the episodes in the worktrees still run in parallel.
 */
const mirrorLocks = new Map<string, Promise<unknown>>();

function withMirrorLock<T>(mirror: string, fn: () => Promise<T>): Promise<T> {
  const previous = mirrorLocks.get(mirror) ?? Promise.resolve();
  const next = previous.then(fn, fn);
  const settled = next.catch(() => undefined);
  mirrorLocks.set(mirror, settled);
  void settled.then(() => {
    if (mirrorLocks.get(mirror) === settled) mirrorLocks.delete(mirror);
  });
  return next;
}

/** The race above across processes (another Crucible on the same cache) is rare; one retry covers it. */
async function addWorktree(mirror: string, dir: string, commit: string): Promise<void> {
  const add = () => gitAt(mirror).raw(['worktree', 'add', '--detach', '--quiet', dir, commit]);
  try {
    await withMirrorLock(mirror, add);
  } catch (err) {
    if (!/could not create directory|worktrees/.test((err as Error).message)) throw err;
    await withMirrorLock(mirror, add);
  }
}

/** Creates a detached worktree of `commit` in a fresh temp directory. */
export async function createWorktree(mirror: string, commit: string, label = 'ws'): Promise<Worktree> {
  const slug = label.replace(/[^\w.-]+/g, '_').slice(0, 40);
  const dir = await mkdtemp(path.join(os.tmpdir(), `crucible-${slug}-`));
  try {
    await addWorktree(mirror, dir, commit);
    const pointer = await readFile(path.join(dir, '.git'), 'utf8');
    const gitDir = path.resolve(dir, pointer.replace(/^gitdir:\s*/, '').trim());
    return { path: dir, gitDir, mirror, commit };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Deletes a worktree and its entry in the mirror. Falls back to deleting the directory and pruning,
 * since whatever ran inside may have left the checkout in any state (even its `.git` file).
 */
export async function removeWorktree(worktree: Worktree): Promise<void> {
  const git = gitAt(worktree.mirror);
  const removed = await withMirrorLock(worktree.mirror, () => git.raw(['worktree', 'remove', '--force', '--force', worktree.path])).then(
    () => true,
    () => false,
  );
  await rm(worktree.path, { recursive: true, force: true });
  if (removed) return;
  if (worktree.gitDir.startsWith(path.join(worktree.mirror, 'worktrees') + path.sep)) {
    await rm(worktree.gitDir, { recursive: true, force: true });
  }
  await withMirrorLock(worktree.mirror, () => git.raw(['worktree', 'prune'])).catch(() => undefined);
}
