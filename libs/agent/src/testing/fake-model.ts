import type { Usage } from '@crucible/core';
import type { ModelChoice, ModelClient, ModelRequest, ModelResponse } from '@crucible/model';

/** One scripted choice: what the model says. Tool call arguments may be given as an object (sent as JSON). */
export interface FakeTurn {
  content?: string | null;
  toolCalls?: Array<{ name: string; arguments: string | Record<string, unknown>; id?: string }>;
  reasoning?: string;
  /** Default `stop` (`tool_calls` when there are tool calls). */
  finishReason?: string;
  inThinking?: boolean;
}

/**
 * One scripted response: a single turn (repeated for each of `n` choices), or its choices spelled out; with
 * the usage to report (default: a deterministic estimate from the text) and how long it takes.
 */
export type FakeResponse = FakeTurn | { choices: FakeTurn[]; usage?: Partial<Usage>; delayMs?: number } | Error;

/** A script: responses in call order, or a function of the request (and the call's number, from 0). */
export type FakeScript = FakeResponse[] | ((request: ModelRequest, call: number) => FakeResponse | Promise<FakeResponse>);

/** Options of {@link FakeModel}. */
export interface FakeModelOptions {
  /** Time every call takes (a slow model); the caller's signal cuts it short as a real client's would. */
  delayMs?: number;
  model?: string;
}

/** Shorthand for a turn that calls tools, in order. */
export function toolCalls(...calls: Array<[name: string, args: Record<string, unknown>]>): FakeTurn {
  return { content: null, toolCalls: calls.map(([name, args]) => ({ name, arguments: args })) };
}

/**
 * A scripted {@link ModelClient} (as openai-agents-js's `FakeModel`): the test states exactly what the model
 * says, call by call, and reads back every request it was sent. It is the project's test double of the model
 * boundary: the agent loop above it is real. A script that runs out fails the call loudly.
 */
export class FakeModel implements ModelClient {
  readonly model: string;
  readonly baseUrl = 'fake://model';
  // A test double, labelled as such wherever the client's identity is shown.
  readonly testDouble = true;
  /** Every request, in the order the calls were made. */
  readonly requests: ModelRequest[] = [];
  private calls = 0;

  constructor(
    private readonly script: FakeScript,
    private readonly options: FakeModelOptions = {},
  ) {
    this.model = options.model ?? 'fake';
  }

  async generate(req: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
    const call = this.calls++;
    // A copy: the loop appends to its history after the call, and the test wants what was sent.
    this.requests.push(structuredClone(req));
    const started = Date.now();
    const scripted = typeof this.script === 'function' ? await this.script(req, call) : this.script[call];
    if (scripted === undefined) throw new Error(`FakeModel: the script has no response for call ${call} (it holds ${(this.script as FakeResponse[]).length})`);
    if (scripted instanceof Error) throw scripted;
    const spelled = 'choices' in scripted ? scripted : undefined;
    await wait(spelled?.delayMs ?? this.options.delayMs ?? 0, signal);
    const n = req.n ?? 1;
    const turns = spelled ? spelled.choices : Array.from({ length: n }, () => scripted as FakeTurn);
    const choices = turns.map((t, i) => choiceOf(t, call, i));
    const completion = choices.reduce((sum, c) => sum + estimate(c.message.content ?? '') + estimate(c.message.reasoning ?? '') + (c.message.tool_calls?.length ?? 0) * 8, 0);
    const usage: Usage = {
      calls: 1,
      promptTokens: estimate(JSON.stringify(req.messages)),
      completionTokens: completion,
      cachedTokens: 0,
      reasoningTokens: choices.reduce((sum, c) => sum + estimate(c.message.reasoning ?? ''), 0),
      ...spelled?.usage,
    };
    return { choices, usage, model: this.model, latencyMs: Date.now() - started, retries: 0, testDouble: true };
  }
}

function choiceOf(turn: FakeTurn, call: number, index: number): ModelChoice {
  const calls = (turn.toolCalls ?? []).map((c, j) => ({
    id: c.id ?? `call_${call}_${index}_${j}`,
    type: 'function' as const,
    function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) },
  }));
  return {
    message: { content: turn.content ?? (calls.length > 0 ? null : ''), ...(calls.length > 0 ? { tool_calls: calls } : {}), ...(turn.reasoning ? { reasoning: turn.reasoning } : {}) },
    finishReason: turn.finishReason ?? (calls.length > 0 ? 'tool_calls' : 'stop'),
    ...(turn.inThinking ? { inThinking: true } : {}),
  };
}

/** About four characters a token, at least one: deterministic, so tests can state budgets. */
function estimate(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason ?? new DOMException('This operation was aborted', 'AbortError'));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason ?? new DOMException('This operation was aborted', 'AbortError'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
