import { CrucibleError, type Usage } from '@crucible/core';
import type OpenAI from 'openai';
import { abortReason } from './abort.js';
import { ChatStreamAssembler } from './chat-stream.js';
import { sseBatches } from './sse-events.js';
import { StreamWatchdog } from './stream-watchdog.js';
import { readCompletion } from './to-model-response.js';
import type { CutReason, ModelChoice, ThinkTags } from './types.js';
import { TIMEOUT_HINT } from './timeout-hint.js';

/** What one attempt produced. */
export interface AttemptResult {
  choices: ModelChoice[];
  usage: Usage;
  usageEstimated?: boolean;
  model?: string;
}

/** How one attempt runs. */
export interface AttemptOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  idleMs: number;
  wallMs?: number;
  tags: ThinkTags | null;
  stream: boolean;
  where: string;
  /** The request's text, for estimating prompt tokens when a cut stream never got its usage. */
  promptText: string;
}

/** A stream that makes progress for a while, then goes quiet or breaks. */
export interface StreamSource<Event> {
  /** Events in batches (one per network read), so a long stream costs one await per read, not per event. */
  open(signal: AbortSignal): Promise<AsyncIterable<Event[]>>;
  push(event: Event): void;
  /** Whether generated text arrived: from then on a failure is a cut, never a retry. */
  streamed(): boolean;
  /** Whether the stream ended as the server meant it to. */
  finished(): boolean;
  result(cut: CutReason | undefined): AttemptResult;
}

/**
 * Runs one streamed attempt under the watchdog. A failure before any token throws (the retry loop may
 * send the request again: nothing was generated); a failure after tokens arrived returns the partial
 * output marked as cut, with its usage, so it is kept and never re-sent. The caller's abort always throws.
 */
export async function runStream<Event>(source: StreamSource<Event>, opts: AttemptOptions): Promise<AttemptResult> {
  const watchdog = new StreamWatchdog(opts.idleMs, opts.wallMs, opts.signal);
  try {
    const events = await source.open(watchdog.signal);
    for await (const batch of events) {
      watchdog.touch();
      for (const event of batch) source.push(event);
    }
    if (opts.signal?.aborted) return abortedOrThrow(source, opts.signal);
    if (watchdog.reason) return cutOrThrow(source, watchdog.reason, opts);
    if (source.finished()) return source.result(undefined);
    return cutOrThrow(source, 'disconnected', opts);
  } catch (err) {
    if (opts.signal?.aborted) return abortedOrThrow(source, opts.signal);
    if (watchdog.reason) return cutOrThrow(source, watchdog.reason, opts);
    if (source.streamed()) return source.result('disconnected');
    throw err;
  } finally {
    watchdog.stop();
  }
}

// The caller stopped (a time budget, a cancelled run): what streamed was billed, so it is returned, not dropped.
function abortedOrThrow<Event>(source: StreamSource<Event>, signal: AbortSignal): AttemptResult {
  if (source.streamed()) return source.result('aborted');
  throw abortReason(signal);
}

function cutOrThrow<Event>(source: StreamSource<Event>, reason: Exclude<CutReason, 'aborted'>, opts: AttemptOptions): AttemptResult {
  if (source.streamed()) return source.result(reason);
  if (reason === 'disconnected') {
    // A stream that ends cleanly with nothing in it is a bad response (an error page, a body that is not SSE).
    throw new CrucibleError('malformed_response', `the stream from ${opts.where} ended before any token`, { hint: 'check the server; pass --no-stream if it cannot stream' });
  }
  const what = reason === 'idle_timeout' ? `no token within the idle timeout of ${opts.idleMs / 1000} s` : `no token within the request timeout of ${(opts.wallMs ?? 0) / 1000} s`;
  return throwTimeout(`request to ${opts.where}: ${what}`);
}

function throwTimeout(message: string): never {
  throw new CrucibleError('timeout', message, { hint: TIMEOUT_HINT });
}

/** One chat completions attempt, streamed or not. */
export async function chatAttempt(sdk: OpenAI, body: Record<string, unknown>, opts: AttemptOptions): Promise<AttemptResult> {
  if (!opts.stream) return plainAttempt(sdk, body, opts);
  const assembler = new ChatStreamAssembler();
  let whole: AttemptResult | undefined;
  const source: StreamSource<unknown> = {
    open: async (signal) => {
      const response = await sdk.chat.completions.create(body as never, { signal, headers: opts.headers }).asResponse();
      // Some OpenAI-compatible servers ignore `stream: true` and answer with one JSON body: read that whole.
      if (isWholeJson(response)) {
        whole = readCompletion(await response.json(), opts.where, opts.tags);
        return noBatches();
      }
      return sseBatches(response, opts.where);
    },
    push: (chunk) => assembler.push(chunk),
    streamed: () => whole !== undefined || assembler.streamed,
    finished: () => whole !== undefined || assembler.finished,
    result: (cut) => whole ?? { ...assembler.result(opts.tags, cut, opts.promptText), model: assembler.model },
  };
  return runStream(source, opts);
}

// Non-streamed: nothing arrives before the whole body, so the idle timeout bounds the whole response.
async function plainAttempt(sdk: OpenAI, body: Record<string, unknown>, opts: AttemptOptions): Promise<AttemptResult> {
  const watchdog = new StreamWatchdog(opts.idleMs, opts.wallMs, opts.signal);
  try {
    const raw: unknown = await sdk.chat.completions.create(body as never, { signal: watchdog.signal, headers: opts.headers });
    return readCompletion(raw, opts.where, opts.tags);
  } catch (err) {
    if (opts.signal?.aborted) throw abortReason(opts.signal);
    if (watchdog.reason) throwTimeout(`request to ${opts.where} got no response within ${(watchdog.reason === 'idle_timeout' ? opts.idleMs : (opts.wallMs ?? 0)) / 1000} s`);
    throw err;
  } finally {
    watchdog.stop();
  }
}

function isWholeJson(response: Response): boolean {
  const type = response.headers.get('content-type') ?? '';
  return /\bjson\b/i.test(type) && !/event-stream/i.test(type);
}

// The whole body was read already: nothing more to stream.
async function* noBatches(): AsyncGenerator<unknown[]> {
  yield* [];
}
