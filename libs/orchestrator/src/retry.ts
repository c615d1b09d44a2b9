import { isCrucibleError } from '@crucible/core';

/** Backoff settings for infra retries around a whole episode. */
export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

/** Default: three attempts in all, 0.5 s then 1 s (with jitter). */
export const DEFAULT_EPISODE_RETRY: RetryPolicy = { attempts: 3, baseMs: 500, maxMs: 10_000 };

/**
 * Runs `fn`, retrying infra faults (retryable CrucibleErrors) with exponential backoff and full jitter.
 * User errors and model behaviour are not retried: the same input would fail the same way.
 */
export async function withInfraRetry<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy, signal?: AbortSignal): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const retryable = isCrucibleError(err) ? err.retryable : false;
      if (!retryable || attempt >= policy.attempts || signal?.aborted) throw err;
      const delay = Math.random() * Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
