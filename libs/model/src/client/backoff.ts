/** Longest computed backoff step. */
export const MAX_BACKOFF_MS = 20_000;
/** Longest wait a server may ask for through Retry-After before we cap it. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * The wait a server asked for, from `retry-after-ms` (milliseconds) or `Retry-After`
 * (seconds or an HTTP date); undefined when absent or unreadable.
 */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The delay before retry number `attempt` (0-based): the server's Retry-After when it gave one,
 * else exponential backoff with full jitter, so many clients hitting one limit spread out.
 */
export function backoffDelay(attempt: number, baseMs: number, serverMs?: number, random = Math.random): number {
  if (serverMs !== undefined) return Math.min(Math.round(serverMs), MAX_RETRY_AFTER_MS);
  const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}
