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

/** Creates a detached worktree of `commit` in a fresh temp directory. */
export async function createWorktree(mirror: string, commit: string, label = 'ws'): Promise<Worktree> {
  const slug = label.replace(/[^\w.-]+/g, '_').slice(0, 40);
  const dir = await mkdtemp(path.join(os.tmpdir(), `crucible-${slug}-`));
  try {
    await gitAt(mirror).raw(['worktree', 'add', '--detach', '--quiet', dir, commit]);
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
  const removed = await git.raw(['worktree', 'remove', '--force', '--force', worktree.path]).then(
    () => true,
    () => false,
  );
  await rm(worktree.path, { recursive: true, force: true });
  if (removed) return;
  if (worktree.gitDir.startsWith(path.join(worktree.mirror, 'worktrees') + path.sep)) {
    await rm(worktree.gitDir, { recursive: true, force: true });
  }
  await git.raw(['worktree', 'prune']).catch(() => undefined);
}
