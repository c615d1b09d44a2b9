import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CrucibleError } from '@crucible/core';
import type { BaseCheckout } from './base-checkout.js';
import { slugOf } from './base-checkout.js';
import { mountOverlay, overlayablePath, overlayStatus, unmount, unmountSync } from './overlay.js';
import { CopyPool } from './copy-pool.js';
import { runProcessOk } from './run-process.js';
import type { SetupLayer } from './setup-layer.js';
import { OWNER_FILE, sweepStaleWorkspaces, WORKSPACE_PREFIX } from './stale-workspaces.js';
import type { WorkspaceMode } from './workspace-options.js';

/** Everything needed to open workspaces of one instance: its cached checkout, its setup layer, how to open them. */
export interface WorkspaceSource {
  base: BaseCheckout;
  /** Files the instance's `setup_command` made (node_modules...), laid over the checkout read-only. */
  layer?: SetupLayer;
  mode: WorkspaceMode;
}

/** One episode's (or one scoring run's) repository. */
export interface Workspace {
  /** The repository directory: the only place an agent may write, with its own sealed `.git` inside. */
  path: string;
  /** The pristine git directory of the base checkout, for host-side git (see {@link hostGitEnv}). */
  gitDir: string;
  /** The full hash of the base commit. */
  commit: string;
  /** gitignore lines for the setup layer's files, so they are neither in `git status` nor in the model patch. */
  excludesFile?: string;
  /** Private to the harness: host-side git's index and objects for this workspace. */
  hostDir: string;
  /** The directory holding all of the above (and the overlay's upper and work directories); removed on close. */
  root: string;
  mode: 'overlay' | 'copy';
}

/** Workspaces not yet closed, unmounted and deleted by an `exit` handler if the process ends first. */
const live = new Map<string, Workspace>();
let firstOpen = true;

function cleanupAtExit(): void {
  for (const ws of live.values()) {
    if (ws.mode === 'overlay') unmountSync(ws.path);
    rmSync(ws.root, { recursive: true, force: true });
  }
  live.clear();
}

async function modeOf(source: WorkspaceSource): Promise<'overlay' | 'copy'> {
  if (source.mode === 'copy') return 'copy';
  const status = await overlayStatus();
  if (status.ok) return 'overlay';
  if (source.mode === 'overlay') {
    throw new CrucibleError('env_error', `workspaceMode "overlay" cannot be used here: ${status.reason}`, {
      hint: 'run as root (overlay mounts need CAP_SYS_ADMIN), or set workspaceMode to "auto" or "copy"',
      retryable: false,
    });
  }
  return 'copy';
}

const CP_ENV = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', LC_ALL: 'C' };

/** Copies a directory's contents into another, keeping modes, times and links, sharing blocks where the filesystem can. */
export async function copyTree(from: string, to: string): Promise<void> {
  await runProcessOk('cp', ['-a', '--reflink=auto', `${from}/.`, to], { env: CP_ENV });
}

async function createWorkspace(source: WorkspaceSource, label: string, mode: 'overlay' | 'copy', forPool = false): Promise<Workspace> {
  const root = await mkdtemp(path.join(os.tmpdir(), `${WORKSPACE_PREFIX}${slugOf(label)}-`));
  if (forPool) pooled.add(root);
  await writeFile(path.join(root, OWNER_FILE), String(process.pid));
  const ws: Workspace = {
    path: path.join(root, 'repo'),
    gitDir: source.base.gitDir,
    commit: source.base.commit,
    excludesFile: source.layer?.excludesFile,
    hostDir: path.join(root, 'host'),
    root,
    mode,
  };
  live.set(root, ws);
  try {
    await Promise.all([mkdir(ws.path), mkdir(path.join(ws.hostDir, 'objects'), { recursive: true })]);
    const lowers = [...(source.layer ? [source.layer.dir] : []), source.base.dir];
    if (ws.mode === 'overlay') {
      const [upper, work] = [path.join(root, 'upper'), path.join(root, 'work')];
      await Promise.all([mkdir(upper), mkdir(work)]);
      await mountOverlay(lowers, upper, work, ws.path);
    } else {
      // Lowest layer first, so the setup layer's files land on top.
      for (const dir of lowers.reverse()) await copyTree(dir, ws.path);
    }
    return ws;
  } catch (err) {
    await closeWorkspace(ws).catch(() => undefined);
    throw new CrucibleError('env_error', `cannot create a workspace of ${source.base.dir}: ${(err as Error).message}`, { cause: err });
  }
}

/** Copies made ahead for copy mode (see {@link CopyPool}); pooled ones count as live for exit cleanup, not as open. */
const pool = new CopyPool<Workspace>(4, closeWorkspace);
const pooled = new Set<string>();

function prepareAhead(source: WorkspaceSource, key: string): void {
  pool.fill(key, () => createWorkspace(source, 'pooled', 'copy', true));
}

/**
 * Opens a fresh workspace of the source's base checkout (with its setup layer). Overlay mode mounts an overlay whose
 * lower layers are the cached, never-written checkout (and setup layer) and whose upper layer is this workspace's own;
 * copy mode copies them, taking a copy prepared ahead when there is one and preparing the next. Either way the agent
 * gets a private, writable repository whose `.git` lives inside it.
 */
export async function openWorkspace(source: WorkspaceSource, label = 'ws'): Promise<Workspace> {
  const wanted = await modeOf(source);
  if (firstOpen) {
    firstOpen = false;
    process.once('exit', cleanupAtExit);
    await sweepStaleWorkspaces(os.tmpdir());
  }
  const overlayable = [os.tmpdir(), source.base.dir, ...(source.layer ? [source.layer.dir] : [])].every(overlayablePath);
  if (wanted === 'overlay' && overlayable) return createWorkspace(source, label, 'overlay');
  const key = `${source.base.dir}\0${source.layer?.dir ?? ''}`;
  const ready = await pool.take(key);
  prepareAhead(source, key);
  if (ready) {
    pooled.delete(ready.root);
    return ready;
  }
  return createWorkspace(source, label, 'copy');
}

/** Discards the copies prepared ahead (they are also removed when the process exits). */
export function drainCopyPool(): Promise<void> {
  return pool.drain();
}

/** How the copy pool did, and a promise for the copies being made (for tests and the bench). */
export function copyPoolStats(): { hits: number; misses: number; settled: Promise<void> } {
  return { hits: pool.hits, misses: pool.misses, settled: pool.settled() };
}

/** Unmounts (overlay mode) and deletes a workspace, whatever state the agent left it in. Safe to call twice. */
export async function closeWorkspace(ws: Workspace): Promise<void> {
  if (ws.mode === 'overlay') await unmount(ws.path);
  await rm(ws.root, { recursive: true, force: true });
  live.delete(ws.root);
  pooled.delete(ws.root);
}

/** Workspaces of this process handed out and not yet closed (for tests and diagnostics). */
export function openWorkspaceCount(): number {
  return live.size - pooled.size;
}
