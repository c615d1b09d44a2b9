import { access, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { withFileLock } from '@crucible/core';

const inFlight = new Map<string, Promise<string>>();

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}

/** Options of {@link ensureCachedDir}. */
export interface CachedDirOptions {
  /** How long a lock may go unrefreshed (a live builder refreshes it) before it is taken for a crashed builder's; default 10 s. */
  lockStaleMs?: number;
}

/**
 * A cache entry directory built at most once: callers in this process share one build; other processes wait on a lock
 * beside it. `build` fills a fresh sibling temp directory, which is then renamed into place, so a directory that
 * exists is always complete (a crash leaves only a temp directory, deleted on the next try).
 */
export function ensureCachedDir(dir: string, build: (tmp: string) => Promise<void>, options: CachedDirOptions = {}): Promise<string> {
  let pending = inFlight.get(dir);
  if (!pending) {
    pending = (async () => {
      if (await exists(dir)) return dir;
      await mkdir(path.dirname(dir), { recursive: true });
      const buildOnce = async () => {
        if (await exists(dir)) return;
        const tmp = `${dir}.tmp-${process.pid}-${Math.random().toString(16).slice(2, 8)}`;
        try {
          await build(tmp);
          await rename(tmp, dir);
        } finally {
          await rm(tmp, { recursive: true, force: true });
        }
      };
      await withFileLock(`${dir}.lock`, buildOnce, { staleMs: options.lockStaleMs });
      return dir;
    })();
    inFlight.set(dir, pending);
    pending.catch(() => inFlight.delete(dir));
  }
  return pending;
}
