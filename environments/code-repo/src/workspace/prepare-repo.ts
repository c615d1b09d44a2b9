import { CrucibleError } from '@crucible/core';
import type { CodeTask } from '../tasks/code-task.js';
import type { Instance } from '../tasks/instance-schema.js';
import { resolveRepo } from '../tasks/resolve-repo.js';
import { applyPatch } from './apply-patch.js';
import { ensureCommit, ensureMirror } from './mirror.js';
import { createWorktree, removeWorktree, type Worktree } from './worktree.js';

/** An instance's repository, ready for checkouts. */
export interface PreparedRepo {
  mirror: string;
  /** The full hash of `base_commit`. */
  baseCommit: string;
}

/** Mirrors the instance's repository and checks that its base commit exists (`invalid_task` if not). */
export async function prepareRepo(task: CodeTask, instance: Instance, options: { cacheDir: string; cwd: string }): Promise<PreparedRepo> {
  const source = await resolveRepo(instance.repo, {
    instanceId: instance.instance_id,
    datasetDir: task.metadata.datasetDir,
    reposDir: task.metadata.reposDir,
    cwd: options.cwd,
  });
  const mirror = await ensureMirror(source, options.cacheDir);
  const baseCommit = await ensureCommit(mirror, instance.base_commit);
  if (!baseCommit) {
    throw new CrucibleError('invalid_task', `${instance.instance_id}: base_commit ${instance.base_commit} is not in repository ${instance.repo} (${source})`, {
      hint: `fix base_commit at ${task.metadata.source}, or point repo at the repository that has it`,
    });
  }
  return { mirror, baseCommit };
}

/** Throws `invalid_task` when the hidden test patch does not apply to a fresh checkout of the base commit. */
export async function assertTestPatchApplies(task: CodeTask, instance: Instance, worktree: Worktree): Promise<void> {
  if (instance.test_patch.trim() === '') return;
  const check = await applyPatch(worktree, instance.test_patch, { check: true });
  if (!check.ok) {
    throw new CrucibleError('invalid_task', `${instance.instance_id}: test_patch does not apply at base_commit ${instance.base_commit}: ${check.error}`, {
      hint: `fix test_patch (or base_commit) at ${task.metadata.source}`,
    });
  }
}

/** A fresh worktree of the base commit whose test patch is known to apply; removed again if it does not. */
export async function openCheckout(task: CodeTask, instance: Instance, repo: PreparedRepo): Promise<Worktree> {
  const worktree = await createWorktree(repo.mirror, repo.baseCommit, instance.instance_id);
  try {
    await assertTestPatchApplies(task, instance, worktree);
    return worktree;
  } catch (err) {
    await removeWorktree(worktree);
    throw err;
  }
}
