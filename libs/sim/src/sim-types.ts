import type { TaskScript } from './task-script.js';

/** A fault the sim can inject into one request. */
export type SimFaultKind = '429' | '500' | 'malformed' | 'reset' | 'stall' | 'stall-first' | 'disconnect';

/** How the sim shows reasoning: `auto` as a `reasoning_content` field when the request asks for thinking (an effort, a budget, a prefill); `field` and `think-tags` always play a reasoning model; `off` never shows it. */
export type SimThinkingMode = 'auto' | 'field' | 'think-tags' | 'off';

/** Faults to inject; the script runs first, one entry per chat completion request, then the random rates apply. */
export interface SimFaults {
  rate429?: number;
  rate500?: number;
  malformedRate?: number;
  /** Chance that a choice with tool calls gets one call whose arguments are not JSON or miss a required field. */
  invalidToolArgsRate?: number;
  /** Each request waits up to this much longer (uniform). */
  extraLatencyMs?: number;
  /** Deterministic faults for tests, consumed in order; 'ok' serves the request normally. */
  script?: Array<SimFaultKind | 'ok'>;
  /**
   * `stall` and `disconnect` let a stream run this share of its tokens, then go quiet (until the client
   * hangs up) or drop the connection; `stall-first` goes quiet before the first token. Default 0.5.
   */
  cutAfter?: number;
  /** Pause this long every {@link idleGapEveryTokens} streamed tokens (a slow server that is still alive). */
  idleGapMs?: number;
  idleGapEveryTokens?: number;
  /** The wait a 429 asks for, sent as `retry-after-ms` (and rounded up to seconds in `Retry-After`). Default 20. */
  retryAfterMs?: number;
}

/** Options of the sim server. */
export interface SimServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: '127.0.0.1';
  /** Delay before every chat completion response. Default 0. */
  latencyMs?: number;
  /** Server seed: with the request body and task key it fixes every draw. Default 0. */
  seed?: number;
  /** Largest `n` accepted; larger n gets HTTP 400 mentioning n. Default 128. */
  maxN?: number;
  /** Prompt tokens beyond this get HTTP 400 "maximum context length". Default 128000. */
  contextWindow?: number;
  faults?: SimFaults;
  /** Streamed tokens per second and choice; 0 or absent: as fast as the socket takes them. */
  tokensPerSecond?: number;
  /** Tokens per streamed chunk. Default 16. */
  chunkTokens?: number;
  /** How reasoning shows; see {@link SimThinkingMode}. Default `auto`. */
  thinking?: SimThinkingMode;
}

/** Counters since start or the last reset. */
export interface SimStats {
  /** Chat completion and Responses API requests received, faulted ones included. */
  requests: number;
  /** Choices served, i.e. samples. */
  completions: number;
  promptTokens: number;
  /** Completion tokens generated; for a cut stream, those streamed before the cut (what a provider bills). */
  completionTokens: number;
  faultsInjected: Record<string, number>;
  /** Registered task scripts. */
  tasks: number;
  /** Most chat completion requests in flight at once. */
  maxInFlight: number;
  /** Streamed requests, and those cut by a stall or disconnect fault or by the client hanging up early. */
  streams: number;
  cutStreams: number;
  /** Prefill continuations served. */
  continuations: number;
  /** Reasoning items (Responses API) sent back to the sim on later turns. */
  reasoningItemsReceived: number;
}

/** A running sim server. */
export interface SimServer {
  /** Base URL for OpenAI clients, e.g. http://127.0.0.1:PORT/v1. */
  url: string;
  port: number;
  /** Tells the sim how to play the task behind a task key (see {@link simTaskKey}). */
  registerTask(key: string, script: TaskScript): void;
  stats(): SimStats;
  resetStats(): void;
  close(): Promise<void>;
}

/** A tool call the policy wants to make. */
export interface DraftToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** One choice before it is serialised. `cutContent` is what is left when max tokens cut the choice short. */
export interface DraftChoice {
  content: string;
  cutContent: string;
  toolCalls?: DraftToolCall[];
  completionTokens: number;
  reasoningTokens: number;
  /** The draft plays a reasoning model: its reasoning tokens are thinking, emitted as text. */
  visibleReasoning?: boolean;
  /** A prefill continuation inside open thinking: the reply must not open the thinking again. */
  continuesThinking?: boolean;
}

/** One choice as the sim serves it, whatever the API or streaming. */
export interface SimOutput {
  reasoning: string;
  reasoningTokens: number;
  content: string;
  /** Completion tokens of `content` (and tool calls): the sim's counts are not tied to the text length. */
  contentTokens: number;
  toolCalls: DraftToolCall[];
  finishReason: 'stop' | 'length' | 'tool_calls';
}
