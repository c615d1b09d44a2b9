import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { isProcessAlive } from '@crucible/core';
import { isMountPoint, unmount } from './overlay.js';

/** The file in a workspace root naming the process that owns it. */
export const OWNER_FILE = 'owner.pid';
/** The prefix of workspace roots in the temp directory. */
export const WORKSPACE_PREFIX = 'crucible-ws-';

/**
 * Unmounts and deletes workspaces whose owning process is gone: one killed outright (SIGKILL, a second Ctrl-C)
 * gets no `exit` handler, and its overlay mounts would otherwise stay. Roots without an owner file are left alone
 * (their owner may be writing it right now). Returns the roots removed.
 */
export async function sweepStaleWorkspaces(tmpDir: string): Promise<string[]> {
  const removed: string[] = [];
  const entries = await readdir(tmpDir).catch(() => [] as string[]);
  for (const name of entries.filter((n) => n.startsWith(WORKSPACE_PREFIX))) {
    const root = path.join(tmpDir, name);
    const pid = Number((await readFile(path.join(root, OWNER_FILE), 'utf8').catch(() => '')).trim());
    if (!Number.isInteger(pid) || pid <= 0 || isProcessAlive(pid)) continue;
    const repo = path.join(root, 'repo');
    try {
      if (await isMountPoint(repo)) await unmount(repo);
      await rm(root, { recursive: true, force: true });
      removed.push(root);
    } catch {
      // Another process may be sweeping the same root; whichever finishes, it is gone or will be next time.
    }
  }
  return removed;
}
