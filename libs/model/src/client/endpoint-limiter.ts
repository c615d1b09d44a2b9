import pLimit, { type LimitFunction } from 'p-limit';

// One limiter per base URL for the whole process: the cap protects the endpoint, not one client.
const limiters = new Map<string, LimitFunction>();

/**
 * The shared limiter of an endpoint. When clients of one endpoint ask for different caps,
 * the lowest wins: a cap is a promise made to the server.
 */
export function endpointLimiter(baseUrl: string, maxConcurrency: number): LimitFunction {
  const cap = Math.max(1, Math.floor(maxConcurrency));
  const existing = limiters.get(baseUrl);
  if (existing) {
    if (cap < existing.concurrency) existing.concurrency = cap;
    return existing;
  }
  const limiter = pLimit(cap);
  limiters.set(baseUrl, limiter);
  return limiter;
}
