import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';

/** Options of {@link acquireFileLock}. */
export interface FileLockOptions {
  /**
   * A lock whose holder has not refreshed it for this long is taken to be left by a crash (the holder refreshes it
   * every `staleMs / 2` while it lives). Default 10 s; at least 2 s.
   */
  staleMs?: number;
  /** How long to wait for a lock another holder has; 0 (default) fails at once, Infinity waits for good. */
  waitMs?: number;
  pollMs?: number;
  /** Called when the lock was lost while held (its directory removed, or not refreshed in time). */
  onCompromised?: (err: Error) => void;
  /** The file system proper-lockfile uses for the lock (default graceful-fs); tests pass a slow one to widen race windows. */
  fs?: unknown;
}

/** Thrown (as `code: 'ELOCKED'`) when the lock is held and `waitMs` ran out. */
export interface LockHeldError extends Error {
  code: 'ELOCKED';
}

/** The short lock every taker holds while it tries the real one: it serialises stale takeovers. */
const guardOf = (path: string) => `${path}.takeover`;

/**
 * Takes an exclusive lock directory at `path` (proper-lockfile: atomic mkdir, mtime heartbeat, stale detection,
 * removed on process exit). proper-lockfile alone lets two processes that both find a stale lock both take it
 * (one removes the lock the other just made); here every attempt runs under a second short-lived lock, so one
 * stale lock has exactly one taker. Returns the release function.
 */
export async function acquireFileLock(path: string, options: FileLockOptions = {}): Promise<() => Promise<void>> {
  const deadline = Date.now() + (options.waitMs ?? 0);
  const pollMs = options.pollMs ?? 50;
  for (;;) {
    const release = await tryLock(path, options);
    if (release) return release;
    if (Date.now() >= deadline) throw Object.assign(new Error(`${path} is held by another process`), { code: 'ELOCKED' as const });
    await sleep(pollMs);
  }
}

/** Runs `fn` while holding the lock at `path`, waiting for other holders (see {@link acquireFileLock}). */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const release = await acquireFileLock(path, { waitMs: Infinity, ...options });
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined); // a lock lost meanwhile is already gone
  }
}

/** Whether `err` says the lock is held by someone else. */
export function isLockHeld(err: unknown): err is LockHeldError {
  return (err as { code?: unknown })?.code === 'ELOCKED';
}

async function tryLock(path: string, options: FileLockOptions): Promise<(() => Promise<void>) | undefined> {
  // The guard is held for a few milliseconds; only a crash inside that window leaves it, stale after 2 s.
  const releaseGuard = await lockfile.lock(guardOf(path), {
    lockfilePath: guardOf(path),
    realpath: false,
    stale: 2_000,
    retries: { retries: 200, minTimeout: 5, maxTimeout: 50, randomize: true },
    onCompromised: () => undefined,
  });
  try {
    return await lockfile.lock(path, {
      lockfilePath: path,
      realpath: false,
      stale: Math.max(2_000, options.staleMs ?? 10_000),
      retries: 0,
      onCompromised: options.onCompromised ?? (() => undefined),
      ...(options.fs ? { fs: options.fs } : {}),
    });
  } catch (err) {
    if (isLockHeld(err)) return undefined;
    throw err;
  } finally {
    await releaseGuard().catch(() => undefined);
  }
}
