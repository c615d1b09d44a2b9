import { lutimes, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { CrucibleError } from '@crucible/core';
import { runGitOk } from './git.js';
import type { WorkspaceHistory } from './workspace-options.js';

/** The identity `git commit` / `git stash` use inside a workspace (the sandbox has no global git config). */
const AGENT_IDENTITY = { 'user.name': 'Crucible Agent', 'user.email': 'agent@crucible.invalid' };

/** Files a repository gains from fetching and ref updates that could name other commits or the mirror's path. */
const LEFTOVERS = ['FETCH_HEAD', 'ORIG_HEAD', 'logs', 'hooks', 'description', 'branches', 'gc.log'];

async function* filesOf(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesOf(full);
    else yield full;
  }
}

/**
 * Dates every checked-out file a minute back, so the index written after it is not "racy" (git re-hashes, on every
 * status and diff, files not older than the index), then refreshes the index's stat data.
 */
async function settleIndex(dir: string): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === '.git') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) for await (const file of filesOf(full)) await lutimes(file, past, past);
    else await lutimes(full, past, past);
  }
  await runGitOk(['update-index', '-q', '--refresh'], { cwd: dir }).catch(() => undefined);
}

async function lines(args: string[], cwd: string): Promise<string[]> {
  return (await runGitOk(args, { cwd })).split('\n').filter(Boolean);
}

/**
 * Checks what {@link buildSealedRepo} promises, so a git version that keeps something new cannot leak silently:
 * one ref, every commit an ancestor of base, every stored object reachable from base.
 */
export async function assertSealed(dir: string, commit: string): Promise<void> {
  const refs = await lines(['for-each-ref', '--format=%(refname)'], dir);
  const later = await lines(['rev-list', '--all', '--reflog', '--not', commit], dir);
  const stored = await lines(['cat-file', '--batch-all-objects', '--batch-check=%(objectname)'], dir);
  const reachable = new Set((await lines(['rev-list', '--objects', commit], dir)).map((l) => l.split(' ')[0]));
  const stray = stored.filter((o) => !reachable.has(o));
  if (refs.join() !== 'refs/heads/main' || later.length > 0 || stray.length > 0) {
    throw new CrucibleError('env_error', `the sealed checkout ${dir} holds more than commit ${commit}: refs ${refs.join(', ')}; ${later.length} later commits; ${stray.length} unreachable objects`, {
      hint: 'this is a bug in the workspace builder; please report it with your git version',
      retryable: false,
    });
  }
}

/**
 * Builds, in the empty directory `dir`, a repository that holds `commit` checked out on branch `main` and nothing
 * made after it: a fresh `git init` (no template: no hooks, no sample files) that fetches only `commit` from the
 * mirror with `--no-tags`, never an alternate to it, no remote, no FETCH_HEAD / ORIG_HEAD / reflogs, and no object
 * that is not reachable from it (checked). `history: none` fetches with depth 1 (a shallow repository of the base alone).
 */
export async function buildSealedRepo(mirror: string, commit: string, history: WorkspaceHistory, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const git = (args: string[]) => runGitOk(args, { cwd: dir });
  await git(['init', '--quiet', '--template=', '--initial-branch=main']);
  const depth = history === 'none' ? ['--depth=1'] : [];
  await git(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--no-recurse-submodules', ...depth, mirror, commit]);
  await git(['update-ref', '--no-deref', 'refs/heads/main', commit]);
  for (const [key, value] of Object.entries(AGENT_IDENTITY)) await git(['config', key, value]);
  await git(['read-tree', '--reset', '-u', 'HEAD']);
  await settleIndex(dir);
  // No gc needed (it would cost minutes on large repositories, once per base): a fetch into an empty repository
  // receives exactly the objects reachable from what it asked for, and assertSealed checks that this held.
  for (const name of LEFTOVERS) await rm(path.join(dir, '.git', name), { recursive: true, force: true });
  await mkdir(path.join(dir, '.git', 'info'), { recursive: true });
  await assertSealed(dir, commit);
}
