import { CrucibleError } from '@crucible/core';
import OpenAI, { APIError } from 'openai';
import { sleep } from './abort.js';
import { classifyFailure, type FailureContext } from './classify-failure.js';
import { resolveEndpoint } from './resolve-endpoint.js';

/** Options of {@link probeEndpoint}. */
export interface ProbeEndpointOptions {
  model: string;
  /** Defaults to OPENAI_BASE_URL, then https://api.openai.com/v1. */
  baseUrl?: string;
  /** Defaults to OPENAI_API_KEY. */
  apiKey?: string;
  /** A test double's endpoint needs no key. */
  testDouble?: boolean;
  /** Per request. Default 10000. */
  timeoutMs?: number;
  /**
   * Skip `GET /models` and ask for a 1-token completion: a server can list models while its completions hang,
   * so a check in the middle of a failing run wants the real thing.
   */
  completion?: boolean;
  signal?: AbortSignal;
}

/** A live endpoint, and how that was found out. */
export interface ProbeResult {
  baseUrl: string;
  /** `models`: GET /models lists the model; `completion`: a 1-token completion was answered. */
  via: 'models' | 'completion';
  latencyMs: number;
}

const PAUSE_MS = 150;

/**
 * One cheap check that an endpoint is up and serves the model, before a run spends anything on it:
 * `GET /models` (the model listed: done), else a 1-token completion, which is the authority (servers that do not
 * serve /models, or list aliases only). Rejects with a one-line CrucibleError naming the URL and the cause:
 * `connection_error` (refused, DNS, TLS), `timeout`, `unknown_model` (404 on the model), `endpoint_error` with
 * status 401/403 (the key) or 5xx. A busy answer (429) or a 400 about parameters still proves the endpoint alive.
 * Connection failures and 5xx are tried twice more with a short pause, so a blip does not fail a run. The
 * key is never in a message.
 */
export async function probeEndpoint(opts: ProbeEndpointOptions): Promise<ProbeResult> {
  const started = performance.now();
  const { baseUrl, apiKey } = resolveEndpoint({ baseUrl: opts.baseUrl, apiKey: opts.apiKey, testDouble: opts.testDouble ?? false });
  const sdk = new OpenAI({ apiKey, baseURL: baseUrl, maxRetries: 0, timeout: opts.timeoutMs ?? 10_000 });
  const ctx: FailureContext = { model: opts.model, baseUrl, apiKey, n: 1 };
  const done = (via: ProbeResult['via']): ProbeResult => ({ baseUrl, via, latencyMs: Math.round(performance.now() - started) });
  const request = { signal: opts.signal };

  for (let attempt = 1; ; attempt++) {
    try {
      try {
        const list = opts.completion ? { data: [] } : await sdk.models.list(request);
        if (list.data.some((m) => m.id === opts.model)) return done('models');
      } catch (err) {
        // No /models route (404, 405) or a server that errs on it: the completion below decides. Anything that
        // shows the endpoint itself is unreachable or refuses the key fails now.
        if (!(err instanceof APIError) || err.status === undefined || err.status === 401 || err.status === 403) throw err;
      }
      await sdk.chat.completions.create({ model: opts.model, messages: [{ role: 'user', content: 'ping' }], max_tokens: 1 }, request);
      return done('completion');
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      if (err instanceof APIError && (err.status === 429 || err.status === 400) && !isModelComplaint(err)) return done('completion');
      const { error } = classifyFailure(err, ctx);
      const again = error.retryable && error.code !== 'timeout' && attempt < 3;
      if (!again) throw probeError(error, baseUrl);
      await sleep(PAUSE_MS * attempt, opts.signal);
    }
  }
}

function isModelComplaint(err: APIError): boolean {
  const body = (err.error ?? {}) as { code?: unknown; message?: unknown };
  return body.code === 'model_not_found' || (typeof body.message === 'string' && /model .*(does not exist|not found)/i.test(body.message));
}

function probeError(error: CrucibleError, baseUrl: string): CrucibleError {
  const status = error.details?.['status'];
  const hint =
    status === 401 || status === 403
      ? `the endpoint refused the key: set OPENAI_API_KEY to a key valid for ${baseUrl}`
      : error.code === 'timeout'
        ? 'check that the server is up; raise --request-timeout if it is just slow'
        : error.hint;
  return new CrucibleError(error.code, `endpoint check failed: ${error.message}`, { cause: error.cause, hint, retryable: false, details: { ...error.details, probe: true } });
}
