import { CrucibleError } from '@crucible/core';
import OpenAI from 'openai';
import { SIM_TASK_HEADER } from '../sim/sim-header.js';
import { abortReason, raceAbort, sleep } from './abort.js';
import { backoffDelay } from './backoff.js';
import { classifyFailure, type FailureContext } from './classify-failure.js';
import { endpointLimiter } from './endpoint-limiter.js';
import { resolveEndpoint } from './resolve-endpoint.js';
import { readCompletion, toRequestBody } from './to-model-response.js';
import type { ModelClient, ModelClientOptions, ModelRequest, ModelResponse } from './types.js';

/**
 * A {@link ModelClient} over the openai SDK's chat completions. The SDK's own retries are off so that
 * the retry policy lives here, once, and is counted: 429, 5xx, timeouts, connection failures and
 * unparseable bodies are retried with backoff; other errors are final. Errors never carry the key.
 */
export function createModelClient(opts: ModelClientOptions): ModelClient {
  const model = opts.model;
  const sim = opts.sim ?? model.startsWith('sim');
  const { baseUrl, apiKey } = resolveEndpoint({ baseUrl: opts.baseUrl, apiKey: opts.apiKey, sim });
  const maxRetries = Math.max(0, opts.maxRetries ?? 5);
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const retryBaseMs = opts.retryBaseMs ?? 500;
  const limiter = endpointLimiter(baseUrl, opts.maxConcurrency ?? 8);
  const sdk = new OpenAI({ apiKey, baseURL: baseUrl, maxRetries: 0, timeout: timeoutMs });
  const where = `${baseUrl} (model ${model})`;

  async function attempt(req: ModelRequest, signal: AbortSignal | undefined) {
    if (signal?.aborted) throw abortReason(signal);
    const headers = sim && req.simTaskKey !== undefined ? { [SIM_TASK_HEADER]: req.simTaskKey } : undefined;
    const raw: unknown = await sdk.chat.completions.create(toRequestBody(model, req), { signal, headers });
    return readCompletion(raw, where);
  }

  async function generate(req: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
    const started = performance.now();
    const ctx: FailureContext = { model, baseUrl, apiKey, n: req.n ?? 1 };
    for (let tries = 0; ; tries++) {
      try {
        const done = await raceAbort(
          limiter(() => attempt(req, signal)),
          signal,
        );
        const latencyMs = Math.round(performance.now() - started);
        return { choices: done.choices, usage: done.usage, model: done.model ?? model, latencyMs, retries: tries, sim };
      } catch (err) {
        if (signal?.aborted) throw abortReason(signal);
        const failure = classifyFailure(err, ctx);
        if (!failure.error.retryable || tries >= maxRetries) throw gaveUp(failure.error, tries + 1);
        const delayMs = backoffDelay(tries, retryBaseMs, failure.retryAfterMs);
        opts.onRetry?.({ attempt: tries + 1, delayMs, code: failure.error.code });
        await sleep(delayMs, signal);
      }
    }
  }

  return { model, baseUrl, sim, generate };
}

function gaveUp(error: CrucibleError, attempts: number): CrucibleError {
  if (attempts === 1) return error;
  return new CrucibleError(error.code, `${error.message} (gave up after ${attempts} attempts)`, {
    cause: error.cause,
    hint: error.hint,
    retryable: error.retryable,
    details: { ...error.details, attempts },
  });
}
