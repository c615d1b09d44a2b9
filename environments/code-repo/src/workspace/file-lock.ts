import { open, readFile, stat, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { isProcessAlive } from '@crucible/core';

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /** A lock older than this is taken to be left over from a crash. */
  staleMs?: number;
  pollMs?: number;
}


async function isStale(lockPath: string, staleMs: number): Promise<boolean> {
  const info = await stat(lockPath).catch(() => undefined);
  if (!info) return false;
  if (Date.now() - info.mtimeMs > staleMs) return true;
  const pid = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
  return Number.isInteger(pid) && pid > 0 && !isProcessAlive(pid);
}

/**
 * Runs `fn` while holding an exclusive lock file (created with O_EXCL), so two processes
 * sharing a cache never build the same entry at once. A lock whose owner died is taken over.
 */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? 10 * 60_000;
  const pollMs = options.pollMs ?? 50;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (await isStale(lockPath, staleMs)) await unlink(lockPath).catch(() => undefined);
      else await sleep(pollMs);
    }
  }
  try {
    return await fn();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}
