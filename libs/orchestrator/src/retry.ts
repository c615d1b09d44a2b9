import pRetry from 'p-retry';
import { isCrucibleError } from '@crucible/core';

/** Backoff settings for infra retries around a whole episode. */
export interface RetryPolicy {
  /** Attempts in all (the first one included). */
  attempts: number;
  /** Scale of the first wait; each later wait doubles (randomised between half and all of it). */
  baseMs: number;
  maxMs: number;
}

/** Default: three attempts in all, waiting 0.25-0.5 s then 0.5-1 s. */
export const DEFAULT_EPISODE_RETRY: RetryPolicy = { attempts: 3, baseMs: 500, maxMs: 10_000 };

/**
 * Runs `fn`, retrying infra faults (retryable CrucibleErrors) with exponential backoff and jitter (p-retry).
 * User errors and model behaviour are not retried: the same input would fail the same way. An abort of
 * `signal` stops at once, during a wait too, rejecting with the signal's reason.
 */
export function withInfraRetry<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy, signal?: AbortSignal): Promise<T> {
  return pRetry(fn, {
    retries: Math.max(0, policy.attempts - 1),
    factor: 2,
    minTimeout: policy.baseMs / 2,
    maxTimeout: policy.maxMs,
    randomize: true,
    signal,
    shouldRetry: ({ error }) => isCrucibleError(error) && error.retryable,
  });
}
