import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runProcess } from './run-process.js';

/** Whether this process can mount overlays that it (and the sandboxes it starts) can see, and if not why. */
export type OverlayStatus = { ok: true } | { ok: false; reason: string };

const ENV = { PATH: process.env['PATH'] ?? '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' };
let probed: Promise<OverlayStatus> | undefined;

/** Characters the overlay option string gives meaning to; such paths are not mounted. */
const UNSAFE_PATH = /[:,\\\s]/;

function options(lowers: string[], upper: string, work: string): string {
  // index/xino off: per-episode overlays over a shared lower need no hard-link or inode bookkeeping across mounts.
  // redirect_dir on: without it, renaming a directory of a lower layer fails with EXDEV (`git mv src lib` would).
  return `lowerdir=${lowers.join(':')},upperdir=${upper},workdir=${work},index=off,xino=off,redirect_dir=on`;
}

/** Whether a path can be named in overlay options as it is. */
export function overlayablePath(p: string): boolean {
  return !UNSAFE_PATH.test(p);
}

/**
 * Mounts an overlay of `lowers` (first is topmost) at `target`, writes going to `upper`. Rejects with the
 * reason (mount's own message) when it cannot.
 */
export async function mountOverlay(lowers: string[], upper: string, work: string, target: string): Promise<void> {
  const bad = [...lowers, upper, work, target].find((p) => !overlayablePath(p));
  if (bad) throw new Error(`cannot name ${bad} in overlay options (it holds ':', ',', '\\' or white space)`);
  const result = await runProcess('mount', ['-t', 'overlay', 'overlay', '-o', options(lowers, upper, work), target], { env: ENV });
  if (result.exitCode !== 0) throw new Error(`mount -t overlay failed: ${result.stderr.trim() || `exit ${result.exitCode}`}`);
}

/** Unmounts `target`; if it is busy, detaches it lazily (the kernel drops it once the last user is gone). */
export async function unmount(target: string): Promise<void> {
  const result = await runProcess('umount', [target], { env: ENV });
  if (result.exitCode === 0) return;
  const lazy = await runProcess('umount', ['-l', target], { env: ENV });
  if (lazy.exitCode !== 0 && (await isMountPoint(target))) throw new Error(`umount ${target} failed: ${lazy.stderr.trim() || result.stderr.trim()}`);
}

/** {@link unmount} for a process `exit` handler, where nothing asynchronous runs. */
export function unmountSync(target: string): void {
  if (spawnSync('umount', [target], { env: ENV, stdio: 'ignore' }).status !== 0) spawnSync('umount', ['-l', target], { env: ENV, stdio: 'ignore' });
}

/** Whether `target` is a mount point in this process's mount namespace. */
export async function isMountPoint(target: string): Promise<boolean> {
  const info = await readFile('/proc/self/mountinfo', 'utf8').catch(() => '');
  // Field 5 is the mount point, with spaces and the like octal-escaped.
  const escaped = target.replace(/[\s\\]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
  return info.split('\n').some((line) => line.split(' ')[4] === escaped);
}

async function probe(): Promise<OverlayStatus> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'crucible-overlay-probe-'));
  const [lower, upper, work, merged] = ['lower', 'upper', 'work', 'merged'].map((d) => path.join(dir, d)) as [string, string, string, string];
  try {
    for (const d of [lower, upper, work, merged]) await mkdir(d);
    await writeFile(path.join(lower, 'probe'), 'ok');
    await mountOverlay([lower], upper, work, merged);
    const seen = await readFile(path.join(merged, 'probe'), 'utf8').catch(() => '');
    await unmount(merged);
    return seen === 'ok' ? { ok: true } : { ok: false, reason: 'an overlay mounted but did not show its lower layer' };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Tries an overlay mount once per process. It works as root (or with CAP_SYS_ADMIN); a mount made inside a user
 * namespace (`unshare -Urm`) would not be visible to this process, whose file tools read the workspace, so that
 * case counts as unsupported and workspaces are copied instead.
 */
export function overlayStatus(): Promise<OverlayStatus> {
  probed ??= probe();
  return probed;
}
