import type { Redis } from 'ioredis';
import { CrucibleError } from '@crucible/core';
import type { CoordinatorEvent } from './coordinator-events.js';
import { safeRedisUrl } from './redis-connection.js';
import { liveWorkers } from './worker-registry.js';

/** Options for {@link createWorkerWatch}. */
export interface WorkerWatchOptions {
  redis: Redis;
  redisUrl: string;
  workersKey: string;
  workspaceVersion: string;
  /** How long live workers may all have other versions before the run's episodes fail. */
  mismatchTimeoutMs: number;
  emit: (event: CoordinatorEvent) => void;
}

/**
 * Watches the worker registry for a coordinator with jobs pending: says once when no worker is connected, and when
 * workers are connected but none has this workspace version; after the timeout it returns the error to fail them with.
 */
export function createWorkerWatch(options: WorkerWatchOptions): (pending: number) => Promise<CrucibleError | undefined> {
  let mismatchSince: number | undefined;
  let warnedNoWorkers = false;
  return async (pending) => {
    if (pending === 0) return undefined;
    const workers = await liveWorkers(options.redis, options.workersKey);
    if (workers.length === 0) {
      mismatchSince = undefined;
      if (!warnedNoWorkers) options.emit({ type: 'no-workers', pending });
      warnedNoWorkers = true;
      return undefined;
    }
    warnedNoWorkers = false;
    if (workers.some((w) => w.workspaceVersion === options.workspaceVersion)) {
      mismatchSince = undefined;
      return undefined;
    }
    if (mismatchSince === undefined) {
      mismatchSince = Date.now();
      options.emit({ type: 'version-mismatch', workspaceVersion: options.workspaceVersion, workers, pending });
    }
    if (Date.now() - mismatchSince < options.mismatchTimeoutMs) return undefined;
    const seen = workers.map((w) => `${w.host} pid ${w.pid} has ${w.workspaceVersion}`).join('; ');
    return new CrucibleError(
      'run_mismatch',
      `no worker on ${safeRedisUrl(options.redisUrl)} runs workspace version ${options.workspaceVersion} (${seen})`,
      { hint: 'install this checkout on the workers (same commit, npm ci) and restart them, then rerun to resume', retryable: false },
    );
  };
}
