import { CrucibleError } from '@crucible/core';
import type { CodeRepoConfig } from '../config.js';
import { hiddenPaths } from '../sandbox/hidden-paths.js';
import type { CodeTask } from '../tasks/code-task.js';
import type { Instance } from '../tasks/instance-schema.js';
import { resolveRepo } from '../tasks/resolve-repo.js';
import { applyPatch } from './apply-patch.js';
import { ensureBaseCheckout } from './base-checkout.js';
import { ensureCommit, ensureMirror } from './mirror.js';
import { repoSpecOf } from './repo-specs.js';
import { ensureSetupLayer } from './setup-layer.js';
import { closeWorkspace, openWorkspace, type Workspace, type WorkspaceSource } from './workspace.js';

/** An instance's repository, ready for workspaces. */
export interface PreparedRepo {
  mirror: string;
  /** The full hash of `base_commit`. */
  baseCommit: string;
  /** Where its workspaces come from: the sealed base checkout and the setup layer. */
  source: WorkspaceSource;
  /** What sandboxed commands of this instance must not see (dataset, repositories, caches, this package, the cwd). */
  hide: string[];
}

/** Options of {@link prepareRepo}; the config fields default as in the environment config. */
export interface PrepareOptions extends Partial<Pick<CodeRepoConfig, 'history' | 'workspaceMode' | 'allowSetupNetwork' | 'setupTimeoutSec'>> {
  cacheDir: string;
  cwd: string;
  unsafeNoSandbox?: boolean;
  signal?: AbortSignal;
}

async function commitOf(task: CodeTask, instance: Instance, mirror: string, source: string, commit: string, field: string): Promise<string> {
  const found = await ensureCommit(mirror, commit);
  if (!found) {
    throw new CrucibleError('invalid_task', `${instance.instance_id}: ${field} ${commit} is not in repository ${instance.repo} (${source})`, {
      hint: `fix ${field} at ${task.metadata.source}, or point repo at the repository that has it`,
    });
  }
  return found;
}

/**
 * Mirrors the instance's repository, checks that its base commit exists (`invalid_task` if not), builds (or reuses)
 * the sealed base checkout and, for a `setup_command` (the instance's, else its repository's in `repos/specs.json`),
 * the setup layer.
 */
export async function prepareRepo(task: CodeTask, instance: Instance, options: PrepareOptions): Promise<PreparedRepo> {
  const { cacheDir, cwd } = options;
  const source = await resolveRepo(instance.repo, {
    instanceId: instance.instance_id,
    datasetDir: task.metadata.datasetDir,
    reposDir: task.metadata.reposDir,
    cwd,
  });
  const mirror = await ensureMirror(source, cacheDir);
  const baseCommit = await commitOf(task, instance, mirror, source, instance.base_commit, 'base_commit');
  const spec = await repoSpecOf(task.metadata.reposDir, instance.repo);
  const history = instance.history ?? spec.history ?? options.history ?? 'full-past';
  const setupCommand = instance.setup_command ?? spec.setup_command;
  const hide = hiddenPaths({ datasetDir: task.metadata.datasetDir, reposDir: task.metadata.reposDir, cacheDir, cwd });
  const base = await ensureBaseCheckout(cacheDir, mirror, baseCommit, history);
  let layer;
  if (setupCommand) {
    const setupCommit = instance.environment_setup_commit
      ? await commitOf(task, instance, mirror, source, instance.environment_setup_commit, 'environment_setup_commit')
      : baseCommit;
    layer = await ensureSetupLayer({
      cacheDir,
      mirror,
      base: setupCommit === baseCommit ? base : await ensureBaseCheckout(cacheDir, mirror, setupCommit, history),
      command: setupCommand,
      instanceId: instance.instance_id,
      allowNetwork: options.allowSetupNetwork ?? false,
      timeoutSec: options.setupTimeoutSec ?? 900,
      hide,
      unsafeNoSandbox: options.unsafeNoSandbox ?? false,
      signal: options.signal,
    });
  }
  return { mirror, baseCommit, source: { base, layer, mode: options.workspaceMode ?? 'auto' }, hide };
}

/** Throws `invalid_task` when the hidden test patch does not apply to a fresh checkout of the base commit. */
export async function assertTestPatchApplies(task: CodeTask, instance: Instance, workspace: Workspace): Promise<void> {
  if (instance.test_patch.trim() === '') return;
  const check = await applyPatch(workspace, instance.test_patch, { check: true });
  if (!check.ok) {
    throw new CrucibleError('invalid_task', `${instance.instance_id}: test_patch does not apply at base_commit ${instance.base_commit}: ${check.error}`, {
      hint: `fix test_patch (or base_commit) at ${task.metadata.source}`,
    });
  }
}

/** A fresh workspace of the base commit whose test patch is known to apply; removed again if it does not. */
export async function openCheckout(task: CodeTask, instance: Instance, repo: PreparedRepo): Promise<Workspace> {
  const workspace = await openWorkspace(repo.source, instance.instance_id);
  try {
    await assertTestPatchApplies(task, instance, workspace);
    return workspace;
  } catch (err) {
    await closeWorkspace(workspace);
    throw err;
  }
}
