import type { Redis } from 'ioredis';
import { Semaphore } from 'redis-semaphore';

/** Frees a slot taken with {@link EndpointLimiter.acquire}. */
export type ReleaseSlot = () => Promise<void>;

/**
 * A concurrency limit per model endpoint shared by every worker on one Redis: at most `limit` holders of an
 * endpoint's slots at once, whichever machine they run on.
 */
export interface EndpointLimiter {
  /** Waits for a free slot of `endpoint` (at most `limit` held at once across all workers), or rejects when `signal` aborts. */
  acquire(endpoint: string, limit: number, signal?: AbortSignal): Promise<ReleaseSlot>;
}

/** Options for {@link createEndpointLimiter}. */
export interface EndpointLimiterOptions {
  /** Key for an endpoint's semaphore. */
  keyOf: (endpoint: string) => string;
  /**
   * A slot's lease: the holder refreshes it while it lives, so a SIGKILLed worker's slots free themselves after this long.
   * Default 30 s.
   */
  leaseMs?: number;
  /** How often a waiter tries again; default 20 ms. */
  retryMs?: number;
}

/** A Redis counting semaphore per endpoint (redis-semaphore: a sorted set of leases, expired ones dropped on acquire). */
export function createEndpointLimiter(redis: Redis, options: EndpointLimiterOptions): EndpointLimiter {
  const leaseMs = options.leaseMs ?? 30_000;
  return {
    async acquire(endpoint, limit, signal) {
      const semaphore = new Semaphore(redis, options.keyOf(endpoint), limit, {
        lockTimeout: leaseMs,
        acquireTimeout: Number.POSITIVE_INFINITY,
        retryInterval: options.retryMs ?? 20,
        refreshInterval: Math.max(50, Math.floor(leaseMs * 0.4)),
        // A lost lease (Redis restarted without persistence, or a long stall) lets one extra holder in for a while;
        // the episode itself is still fine, so it is not worth failing it.
        onLockLost: () => undefined,
      });
      await semaphore.acquire(signal);
      return () => semaphore.release().catch(() => undefined);
    },
  };
}
