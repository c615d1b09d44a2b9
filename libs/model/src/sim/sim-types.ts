import type { SimHint } from '@crucible/core';

/** A fault the sim can inject into one request. */
export type SimFaultKind = '429' | '500' | 'malformed' | 'reset';

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
}

/** Counters since start or the last reset. */
export interface SimStats {
  /** Chat completion requests received, faulted ones included. */
  requests: number;
  /** Choices served, i.e. samples. */
  completions: number;
  promptTokens: number;
  completionTokens: number;
  faultsInjected: Record<string, number>;
  /** Registered task hints. */
  tasks: number;
  /** Most chat completion requests in flight at once. */
  maxInFlight: number;
}

/** A running sim server. */
export interface SimServer {
  /** Base URL for OpenAI clients, e.g. http://127.0.0.1:PORT/v1. */
  url: string;
  port: number;
  registerTask(key: string, hint: SimHint): void;
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
}
