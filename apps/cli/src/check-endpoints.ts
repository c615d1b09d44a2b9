import { isCrucibleError } from '@crucible/core';
import { probeEndpoint, type ModelClient } from '@crucible/model';

/** How long the endpoint check waits per request at most, however long --request-timeout is. */
const PROBE_TIMEOUT_CAP_MS = 15_000;

/**
 * The endpoints a run talks to that are worth checking: the model's and the judge's, once per URL and model.
 * The in-process sim is ours and always up; a `--cache replay` run calls nothing.
 */
export function endpointsToCheck(clients: Array<ModelClient | undefined>, skip: { inProcessSimUrl?: string; replay: boolean }): ModelClient[] {
  if (skip.replay) return [];
  const seen = new Set<string>();
  return clients.filter((c): c is ModelClient => {
    if (!c || c.baseUrl === skip.inProcessSimUrl) return false;
    const key = `${c.baseUrl}|${c.model}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Probes each endpoint (see `probeEndpoint`); rejects with the first failure's one-line CrucibleError.
 * `completion`: skip `GET /models` (the circuit breaker's check: listing models proves nothing about hung completions).
 */
export async function checkEndpoints(
  clients: ModelClient[],
  requestTimeoutMs: number | undefined,
  opts: { completion?: boolean; warnSlow?: (message: string) => void } = {},
): Promise<void> {
  const timeoutMs = Math.min(requestTimeoutMs ?? PROBE_TIMEOUT_CAP_MS, PROBE_TIMEOUT_CAP_MS);
  for (const c of clients) {
    try {
      await probeEndpoint({ model: c.model, baseUrl: c.baseUrl, testDouble: c.testDouble, timeoutMs, completion: opts.completion });
    } catch (err) {
      // `warnSlow` (the start check): a server that took the connection but did not answer in time is slow (a cold
      // start, a busy reasoning model), not dead, so the run starts; the circuit breaker stops it if requests keep failing.
      if (opts.warnSlow && isCrucibleError(err) && err.code === 'timeout') {
        opts.warnSlow(err.message);
        continue;
      }
      throw err;
    }
  }
}
