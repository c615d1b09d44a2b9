import type { FunctionToolDefinition, Usage } from '@crucible/core';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

/** One chat completion request, in Crucible's terms; only fields that are set are sent. */
export interface ModelRequest {
  messages: ChatCompletionMessageParam[];
  tools?: FunctionToolDefinition[];
  n?: number;
  reasoningEffort?: 'minimal' | 'low' | 'medium' | 'high';
  maxTokens?: number;
  temperature?: number;
  seed?: number;
  /** Out-of-band task key; sent as header `x-crucible-sim-task` only when the client talks to a sim. */
  simTaskKey?: string;
}

/** A tool call as the model made it; `arguments` is raw text and may not be valid JSON. */
export interface ModelToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** One sampled choice. */
export interface ModelChoice {
  message: { content: string | null; tool_calls?: ModelToolCall[] };
  finishReason: string;
}

/** The answer to one {@link ModelRequest}. */
export interface ModelResponse {
  choices: ModelChoice[];
  /** Usage of the one successful HTTP request (`calls` = 1); prompt tokens are counted once whatever `n`. */
  usage: Usage;
  model: string;
  /** Wall time of `generate`, including queueing for the endpoint and retries. */
  latencyMs: number;
  /** Failed attempts before the one that succeeded. */
  retries: number;
  sim: boolean;
}

/** A chat model behind an OpenAI-compatible endpoint. */
export interface ModelClient {
  readonly model: string;
  readonly baseUrl: string;
  readonly sim: boolean;
  generate(req: ModelRequest, signal?: AbortSignal): Promise<ModelResponse>;
}

/** What a retry looked like, for progress output. */
export interface RetryInfo {
  attempt: number;
  delayMs: number;
  code: string;
}

/** Options of {@link ModelClient}; see `createModelClient` for the defaults. */
export interface ModelClientOptions {
  model: string;
  /** Defaults to OPENAI_BASE_URL, then https://api.openai.com/v1. */
  baseUrl?: string;
  /** Defaults to OPENAI_API_KEY. */
  apiKey?: string;
  /** Whether the endpoint is the sim; defaults to true when the model name starts with "sim". */
  sim?: boolean;
  /** In-flight requests per endpoint; clients of one base URL share the cap. Default 8. */
  maxConcurrency?: number;
  /** Default 5. */
  maxRetries?: number;
  /** Per attempt. Default 120000. */
  timeoutMs?: number;
  /** First backoff step; it doubles per attempt (full jitter, capped at 20 s). Default 500. */
  retryBaseMs?: number;
  onRetry?: (info: RetryInfo) => void;
}
