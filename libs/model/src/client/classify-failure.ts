import { CrucibleError } from '@crucible/core';
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { retryAfterMs } from './backoff.js';
import { scrubbedError, scrubSecret } from './scrub-secret.js';
import { TIMEOUT_HINT } from './timeout-hint.js';

/** What the retry loop needs to know about one failed attempt. */
export interface Failure {
  error: CrucibleError;
  /** The wait the server asked for, if any. */
  retryAfterMs?: number;
}

/** Where the failed request went; used for messages and to scrub the key. */
export interface FailureContext {
  model: string;
  baseUrl: string;
  apiKey: string;
  n: number;
}

const CONTEXT_OVERFLOW = /context[_ ]length|maximum context|context window|prompt is too long|too many tokens/i;
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

/**
 * Maps whatever one attempt threw to a scrubbed CrucibleError. Retryable: 429, 408, 5xx, timeouts,
 * connection failures, unparseable bodies. Other 4xx are final and carry the server's message.
 */
export function classifyFailure(err: unknown, ctx: FailureContext): Failure {
  if (err instanceof CrucibleError) return { error: err };
  const scrub = (text: string) => scrubSecret(text, ctx.apiKey);
  const cause = scrubbedError(err, ctx.apiKey);
  const where = `${ctx.baseUrl} (model ${ctx.model})`;

  if (err instanceof APIConnectionTimeoutError) {
    return { error: new CrucibleError('timeout', `request to ${where} timed out`, { cause, hint: TIMEOUT_HINT }) };
  }
  if (err instanceof APIConnectionError) {
    const reason = scrub(describeCause(err));
    return {
      error: new CrucibleError('connection_error', `cannot reach ${where}: ${reason}`, {
        cause,
        hint: 'check that the server is running and --base-url is right',
      }),
    };
  }
  if (err instanceof APIError && typeof err.status === 'number') {
    return { error: fromStatus(err, ctx, scrub, cause, where), retryAfterMs: retryAfterMs(err.headers as Headers | undefined) };
  }
  if (err instanceof SyntaxError) {
    return { error: new CrucibleError('malformed_response', `unparseable response from ${where}: ${scrub(err.message)}`, { cause }) };
  }
  if (isNetworkError(err)) {
    return { error: new CrucibleError('connection_error', `connection to ${where} failed: ${scrub(describeCause(err))}`, { cause }) };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { error: new CrucibleError('endpoint_error', `request to ${where} failed: ${scrub(message)}`, { cause, retryable: false }) };
}

function fromStatus(err: APIError, ctx: FailureContext, scrub: (s: string) => string, cause: Error, where: string): CrucibleError {
  const status = err.status as number;
  const body = (err.error ?? {}) as { message?: unknown; code?: unknown; param?: unknown };
  const serverMessage = scrub(typeof body.message === 'string' ? body.message : err.message);
  const message = `${where} answered ${status}: ${serverMessage}`;
  const details = { status };
  if (status === 429) return new CrucibleError('rate_limited', message, { cause, details, hint: 'lower --concurrency' });
  if (status === 408) return new CrucibleError('timeout', message, { cause, details });
  if (status >= 500) return new CrucibleError('endpoint_error', message, { cause, details, retryable: true });
  if (status === 400 && (body.code === 'context_length_exceeded' || CONTEXT_OVERFLOW.test(serverMessage))) {
    return new CrucibleError('context_overflow', message, { cause, details, hint: 'shorten the conversation or lower --max-steps' });
  }
  if (status === 400 && ctx.n > 1 && (body.param === 'n' || /\bn\b/.test(serverMessage))) {
    return new CrucibleError('endpoint_error', message, {
      cause,
      retryable: false,
      details: { ...details, nUnsupported: true },
      hint: 'this endpoint rejects n > 1; send samples as parallel requests (--no-batch) or lower --max-n',
    });
  }
  if (status === 404 && (body.code === 'model_not_found' || /model/i.test(serverMessage))) {
    return new CrucibleError('unknown_model', message, {
      cause,
      details,
      hint: `check --model "${ctx.model}": the endpoint does not serve it (GET ${ctx.baseUrl}/models lists what it does)`,
    });
  }
  const hint =
    status === 401 || status === 403
      ? 'check OPENAI_API_KEY for this endpoint'
      : status === 404
        ? 'check --base-url (OpenAI-compatible servers usually end in /v1)'
        : undefined;
  return new CrucibleError('endpoint_error', message, { cause, details, retryable: false, hint });
}

function describeCause(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    const inner = describeCause(cause);
    return typeof code === 'string' ? `${inner} (${code})` : inner;
  }
  return err.message;
}

function isNetworkError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (e instanceof TypeError && /terminated|fetch failed|socket/i.test(e.message)) return true;
  }
  return false;
}
