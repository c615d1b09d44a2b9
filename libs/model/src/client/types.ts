import type { FunctionToolDefinition, Usage } from '@crucible/core';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

/**
 * What Crucible keeps on an assistant message besides the wire fields: the model's reasoning, kept apart
 * from its answer, and (Responses API) the opaque reasoning items to hand back on the next turn.
 * The client strips both before a chat completions request: reasoning is never sent back as content.
 */
export interface ReasoningExtras {
  reasoning?: string;
  reasoning_items?: unknown[];
}

/** A chat message as Crucible sends and stores it. */
export type ModelMessage = ChatCompletionMessageParam & ReasoningExtras;

/** One chat completion request, in Crucible's terms; only fields that are set are sent. */
export interface ModelRequest {
  messages: ModelMessage[];
  tools?: FunctionToolDefinition[];
  n?: number;
  reasoningEffort?: 'minimal' | 'low' | 'medium' | 'high';
  maxTokens?: number;
  temperature?: number;
  seed?: number;
  /** Thinking budget in tokens, sent as the endpoint's thinking field (see `thinkingField`). */
  thinkingTokens?: number;
  /**
   * Assistant-prefill continuation: the text the assistant turn already holds. Sent as a final assistant
   * message with vLLM's `continue_final_message: true, add_generation_prompt: false`; the reply continues it.
   */
  prefill?: string;
  /** Who is asking (see {@link RequestContext}); never part of the request body. */
  context?: RequestContext;
}

/** Who is asking. Clients may tag, trace or route by it; the OpenAI client never sends it in the request body. */
export interface RequestContext {
  env: string;
  taskId: string;
  episodeId: string;
  sampleIndex: number;
  role: 'policy' | 'judge';
}

/** A tool call as the model made it; `arguments` is raw text and may not be valid JSON. */
export interface ModelToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/**
 * Why a generation stopped before the model ended it: the client's timers, the connection, or the caller's
 * signal (`aborted`: an episode's time budget or a cancelled run) after tokens had streamed.
 */
export type CutReason = 'idle_timeout' | 'wall_timeout' | 'disconnected' | 'aborted';

/** Every {@link CutReason}, for telling cut choices apart from ones the model finished. */
export const CUT_REASONS: ReadonlySet<string> = new Set<CutReason>(['idle_timeout', 'wall_timeout', 'disconnected', 'aborted']);

/** One sampled choice. */
export interface ModelChoice {
  /** `content` is the answer only; reasoning (from reasoning fields or inline think tags) is in `reasoning`. */
  message: { content: string | null; tool_calls?: ModelToolCall[]; reasoning?: string; reasoning_items?: unknown[] };
  /** The server's finish reason, or a {@link CutReason} when the stream was cut. */
  finishReason: string;
  /** Set when the generation ended inside its thinking (an open think tag, or a cut before any answer): it has no answer. */
  inThinking?: boolean;
}

/** The answer to one {@link ModelRequest}. */
export interface ModelResponse {
  choices: ModelChoice[];
  /**
   * Usage of the request (`calls` = 1); prompt tokens are counted once whatever `n`. For a cut stream
   * without server usage it is estimated from the streamed text (`usageEstimated`): those tokens were billed.
   */
  usage: Usage;
  usageEstimated?: boolean;
  model: string;
  /** Wall time of `generate`, including queueing for the endpoint and retries. */
  latencyMs: number;
  /** Failed attempts before the one that answered (each failed before any token streamed). */
  retries: number;
  /** The answer came from a test double, not a real model (see {@link ModelClient.testDouble}). */
  testDouble: boolean;
}

/** A chat model behind an OpenAI-compatible endpoint. */
export interface ModelClient {
  readonly model: string;
  readonly baseUrl: string;
  /** True when the endpoint is a test double (a scripted stand-in for a model), so reports never present its numbers as a model's. */
  readonly testDouble: boolean;
  /** Settings beyond model and endpoint that change answers (API, thinking field, think tags); part of cache keys. */
  readonly variant?: string;
  /** Opening and closing tags of inline reasoning, when the client splits them out; budget forcing writes them. */
  readonly thinkTags?: ThinkTags;
  generate(req: ModelRequest, signal?: AbortSignal): Promise<ModelResponse>;
}

/** What a retry looked like, for progress output. */
export interface RetryInfo {
  attempt: number;
  delayMs: number;
  code: string;
}

/** Opening and closing tag of inline reasoning, e.g. `<think>` and `</think>`. */
export interface ThinkTags {
  open: string;
  close: string;
}

/** Which API the client speaks. */
export type ModelApi = 'chat' | 'responses';

/** Options of {@link ModelClient}; see `createModelClient` for the defaults. */
export interface ModelClientOptions {
  model: string;
  /** Defaults to OPENAI_BASE_URL, then https://api.openai.com/v1. */
  baseUrl?: string;
  /** Defaults to OPENAI_API_KEY. */
  apiKey?: string;
  /** Whether the endpoint is a test double (see {@link ModelClient.testDouble}). Default false. */
  testDouble?: boolean;
  /** Extra HTTP headers for one request, from its context: how a client tags, traces or routes requests. */
  requestHeaders?: (context: RequestContext | undefined) => Record<string, string> | undefined;
  /** In-flight requests per endpoint; clients of one base URL share the cap. Default 8. */
  maxConcurrency?: number;
  /** Default 5. */
  maxRetries?: number;
  /** Optional total wall cap of one request (attempt), streamed or not. Default: none. */
  timeoutMs?: number;
  /**
   * Longest wait for the next streamed chunk (or, with `stream: false`, for the whole response). A stream
   * that goes quiet this long is cut, keeping its partial output. Default 120000.
   */
  idleTimeoutMs?: number;
  /** Stream responses (SSE). Default true; false for servers that cannot stream. */
  stream?: boolean;
  /** `chat` (chat completions, default) or `responses` (OpenAI Responses API). */
  api?: ModelApi;
  /** Tags of inline reasoning to split out of content; null turns splitting off. Default `<think>`, `</think>`. */
  thinkTags?: ThinkTags | null;
  /**
   * Where a request's `thinkingTokens` goes on the wire: a dotted body path, or a preset: `vllm`
   * (`thinking_token_budget`, the default), `openrouter` (`reasoning.max_tokens`), `anthropic`
   * (`thinking: {type: 'enabled', budget_tokens}`), `none` (not sent).
   */
  thinkingField?: string;
  /** First backoff step; it doubles per attempt (full jitter, capped at 20 s). Default 500. */
  retryBaseMs?: number;
  onRetry?: (info: RetryInfo) => void;
}
