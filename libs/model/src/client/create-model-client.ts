import { CrucibleError } from '@crucible/core';
import OpenAI from 'openai';
import { abortReason, sleep, whileQueued } from './abort.js';
import { backoffDelay } from './backoff.js';
import { chatAttempt, type AttemptOptions, type AttemptResult } from './chat-attempt.js';
import { classifyFailure, type FailureContext } from './classify-failure.js';
import { endpointLimiter } from './endpoint-limiter.js';
import { resolveEndpoint } from './resolve-endpoint.js';
import { responsesAttempt, toResponsesBody } from './responses-api.js';
import { DEFAULT_THINK_TAGS } from './think-tags.js';
import { DEFAULT_THINKING_FIELD, thinkingWriter } from './thinking-field.js';
import { toRequestBody } from './to-model-response.js';
import type { ModelClient, ModelClientOptions, ModelRequest, ModelResponse } from './types.js';

/** Default of `idleTimeoutMs`: the longest silence a healthy stream has. */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

/**
 * A {@link ModelClient} over the openai SDK, streamed by default. The SDK's own retries are off so that
 * the retry policy lives here, once, and is counted: 429, 5xx, timeouts, connection failures and
 * unparseable bodies are retried with backoff, but only while nothing has streamed; a stream cut after
 * tokens arrived (idle timeout, wall cap, disconnect) is returned with its partial output and usage,
 * because re-sending it would bill the generation again. Errors never carry the key.
 */
export function createModelClient(opts: ModelClientOptions): ModelClient {
  const model = opts.model;
  const testDouble = opts.testDouble ?? false;
  const { baseUrl, apiKey } = resolveEndpoint({ baseUrl: opts.baseUrl, apiKey: opts.apiKey, testDouble });
  const maxRetries = Math.max(0, opts.maxRetries ?? 5);
  const idleMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const retryBaseMs = opts.retryBaseMs ?? 500;
  const api = opts.api ?? 'chat';
  const stream = opts.stream ?? true;
  const tags = opts.thinkTags === undefined ? DEFAULT_THINK_TAGS : opts.thinkTags;
  const thinkingField = opts.thinkingField ?? DEFAULT_THINKING_FIELD;
  const writeThinking = thinkingWriter(thinkingField);
  const limiter = endpointLimiter(baseUrl, opts.maxConcurrency ?? 8);
  // The watchdog owns the timeouts; the SDK's own would cut a long stream at its headers.
  const sdk = new OpenAI({ apiKey, baseURL: baseUrl, maxRetries: 0, timeout: 2_000_000_000 });
  const where = `${baseUrl} (model ${model})`;
  const variant = describeVariant(api, thinkingField, tags);

  async function attempt(req: ModelRequest, signal: AbortSignal | undefined): Promise<AttemptResult> {
    if (signal?.aborted) throw abortReason(signal);
    const headers = opts.requestHeaders?.(req.context);
    const base: Omit<AttemptOptions, 'promptText'> = { signal, headers, idleMs, wallMs: opts.timeoutMs, tags, stream, where };
    if (api === 'responses') {
      const body = toResponsesBody(model, req, { stream, writeThinking });
      return responsesAttempt(sdk, body, { ...base, promptText: JSON.stringify(body['input'] ?? '') });
    }
    const body = toRequestBody(model, req, { stream, writeThinking });
    return chatAttempt(sdk, body, { ...base, promptText: JSON.stringify([body['messages'], body['tools'] ?? []]) });
  }

  async function generate(req: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
    const started = performance.now();
    const ctx: FailureContext = { model, baseUrl, apiKey, n: req.n ?? 1 };
    if (api === 'responses' && (req.n ?? 1) > 1) {
      throw new CrucibleError('endpoint_error', `the Responses API has no n; ${where} cannot draw n=${req.n} in one request`, {
        retryable: false,
        details: { nUnsupported: true },
        hint: 'samples go out as parallel requests',
      });
    }
    for (let tries = 0; ; tries++) {
      try {
        const done = await whileQueued(signal, (onStart) =>
          limiter(() => {
            onStart();
            return attempt(req, signal);
          }),
        );
        const latencyMs = Math.round(performance.now() - started);
        const out: ModelResponse = { choices: done.choices, usage: done.usage, model: done.model ?? model, latencyMs, retries: tries, testDouble };
        if (done.usageEstimated) out.usageEstimated = true;
        return out;
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

  return { model, baseUrl, testDouble, variant, thinkTags: tags ?? undefined, generate };
}

// Only non-default settings, so cassettes recorded with the defaults keep their keys.
function describeVariant(api: string, thinkingField: string, tags: { open: string; close: string } | null): string | undefined {
  const parts: string[] = [];
  if (api !== 'chat') parts.push(`api=${api}`);
  if (thinkingField !== DEFAULT_THINKING_FIELD) parts.push(`thinkingField=${thinkingField}`);
  if (tags === null) parts.push('thinkTags=off');
  else if (tags.open !== DEFAULT_THINK_TAGS.open || tags.close !== DEFAULT_THINK_TAGS.close) parts.push(`thinkTags=${tags.open},${tags.close}`);
  return parts.length > 0 ? parts.join(' ') : undefined;
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
