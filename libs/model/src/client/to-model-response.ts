import { CrucibleError, type Usage } from '@crucible/core';
import { estimateTokens } from './estimate-tokens.js';
import { splitThinking } from './think-tags.js';
import type { CutReason, ModelChoice, ModelMessage, ModelRequest, ModelToolCall, ThinkTags } from './types.js';

/** How a request goes on the wire, beyond the request itself. */
export interface WireOptions {
  stream: boolean;
  /** Writes a thinking budget at the endpoint's field; undefined: the field is not sent. */
  writeThinking?: (body: Record<string, unknown>, tokens: number) => void;
}

/** Messages as the wire takes them: Crucible's reasoning fields stripped, so reasoning is never sent back as content. */
export function wireMessages(messages: ModelMessage[]): ModelMessage[] {
  return messages.map((m) => {
    if (!('reasoning' in m) && !('reasoning_items' in m)) return m;
    const { reasoning: _r, reasoning_items: _i, ...rest } = m;
    return rest as ModelMessage;
  });
}

/** The chat completion body for a request: only the fields that are set, `tools` only when non-empty. */
export function toRequestBody(model: string, req: ModelRequest, wire: WireOptions): Record<string, unknown> {
  const messages = wireMessages(req.messages);
  const body: Record<string, unknown> = { model, messages };
  if (req.prefill !== undefined) {
    // vLLM's prefill continuation: the reply continues the last assistant message instead of opening a new turn.
    body['messages'] = [...messages, { role: 'assistant', content: req.prefill }];
    body['continue_final_message'] = true;
    body['add_generation_prompt'] = false;
  }
  if (req.tools && req.tools.length > 0) body['tools'] = req.tools;
  if (req.n !== undefined) body['n'] = req.n;
  if (req.reasoningEffort !== undefined) body['reasoning_effort'] = req.reasoningEffort;
  if (req.maxTokens !== undefined) body['max_completion_tokens'] = req.maxTokens;
  if (req.temperature !== undefined) body['temperature'] = req.temperature;
  if (req.seed !== undefined) body['seed'] = req.seed;
  if (req.thinkingTokens !== undefined) wire.writeThinking?.(body, req.thinkingTokens);
  if (wire.stream) {
    body['stream'] = true;
    body['stream_options'] = { include_usage: true };
  }
  return body;
}

/** A choice as read off the wire, before reasoning is split out. */
export interface RawChoiceParts {
  content: string | null;
  /** `reasoning_content` (vLLM, SGLang, DeepSeek) or `reasoning` (newer vLLM, OpenRouter). */
  reasoning: string;
  toolCalls: ModelToolCall[];
  finishReason: string;
}

/**
 * The choice Crucible keeps: inline reasoning split out of content, reasoning apart from the answer, and
 * `inThinking` set when the generation ended inside its thinking (it then has no answer).
 */
export function finishChoice(parts: RawChoiceParts, tags: ThinkTags | null, cut?: CutReason): ModelChoice {
  let content = parts.content;
  let reasoning = parts.reasoning;
  let inThinking = false;
  if (tags && content) {
    const split = splitThinking(content, tags);
    content = split.content;
    reasoning = [reasoning, split.reasoning].filter(Boolean).join('\n');
    inThinking = split.unclosed;
  }
  const ended = cut !== undefined || parts.finishReason === 'length';
  if (ended && reasoning && !content && parts.toolCalls.length === 0) inThinking = true;
  // A cut tool call is not a call: its arguments are partial.
  const calls = cut ? [] : parts.toolCalls;
  const message: ModelChoice['message'] = { content: inThinking ? null : content };
  if (calls.length > 0) message.tool_calls = calls;
  if (reasoning) message.reasoning = reasoning;
  const choice: ModelChoice = { message, finishReason: cut ?? parts.finishReason };
  if (inThinking) choice.inThinking = true;
  return choice;
}

/**
 * Fills what the server did not say: reasoning tokens estimated from reasoning text when it gave none
 * (inline think tags), within completion tokens; and, when `estimate` is set, every count from the text.
 */
export function completeUsage(usage: Usage, choices: ModelChoice[], estimate?: { promptText: string }): Usage {
  const reasoningText = choices.map((c) => c.message.reasoning ?? '').join('');
  const reasoningEstimate = estimateTokens(reasoningText);
  if (estimate) {
    const generated = choices.map((c) => [c.message.content ?? '', ...(c.message.tool_calls ?? []).map((t) => t.function.arguments)].join('')).join('');
    return {
      calls: 1,
      promptTokens: estimateTokens(estimate.promptText),
      completionTokens: estimateTokens(generated) + reasoningEstimate,
      cachedTokens: 0,
      reasoningTokens: reasoningEstimate,
    };
  }
  if (usage.reasoningTokens > 0 || reasoningEstimate === 0) return usage;
  const completion = usage.completionTokens > 0 ? usage.completionTokens : reasoningEstimate;
  return { ...usage, completionTokens: completion, reasoningTokens: Math.min(reasoningEstimate, completion) };
}

interface RawChoice {
  message?: { content?: unknown; tool_calls?: unknown; reasoning_content?: unknown; reasoning?: unknown };
  finish_reason?: unknown;
}

/** Choices, usage and model of a response body, or a `malformed_response` error when it has no usable choices. */
export function readCompletion(raw: unknown, where: string, tags: ThinkTags | null): { choices: ModelChoice[]; usage: Usage; model?: string } {
  const body = raw as { choices?: unknown; usage?: unknown; model?: unknown } | null;
  if (!body || typeof body !== 'object' || !Array.isArray(body.choices) || body.choices.length === 0) {
    const shape = typeof raw === 'string' ? `text of ${raw.length} chars` : body && typeof body === 'object' ? 'JSON without choices' : typeof raw;
    throw new CrucibleError('malformed_response', `response from ${where} has no choices (${shape})`);
  }
  const choices = (body.choices as RawChoice[]).map((c) => finishChoice(rawParts(c), tags));
  return { choices, usage: completeUsage(toUsage(body.usage), choices), model: typeof body.model === 'string' ? body.model : undefined };
}

function rawParts(choice: RawChoice): RawChoiceParts {
  const message = choice?.message ?? {};
  const calls = Array.isArray(message.tool_calls) ? (message.tool_calls as Array<Record<string, any>>) : [];
  return {
    content: typeof message.content === 'string' ? message.content : null,
    reasoning: reasoningText(message),
    toolCalls: calls
      .filter((c) => c && c['type'] === 'function' && c['function'])
      .map((c) => ({ id: String(c['id'] ?? ''), type: 'function', function: { name: String(c['function'].name ?? ''), arguments: String(c['function'].arguments ?? '') } })),
    finishReason: typeof choice?.finish_reason === 'string' ? choice.finish_reason : 'unknown',
  };
}

/** The reasoning text of a message or delta: `reasoning_content`, else `reasoning`. */
export function reasoningText(message: { reasoning_content?: unknown; reasoning?: unknown }): string {
  if (typeof message.reasoning_content === 'string') return message.reasoning_content;
  if (typeof message.reasoning === 'string') return message.reasoning;
  return '';
}

/** Usage of a chat completion body in Crucible's terms. */
export function toUsage(raw: unknown): Usage {
  const u = (raw ?? {}) as Record<string, any>;
  const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.round(v) : 0);
  return {
    calls: 1,
    promptTokens: count(u['prompt_tokens'] ?? u['input_tokens']),
    completionTokens: count(u['completion_tokens'] ?? u['output_tokens']),
    cachedTokens: count(u['prompt_tokens_details']?.cached_tokens ?? u['input_tokens_details']?.cached_tokens),
    reasoningTokens: count(u['completion_tokens_details']?.reasoning_tokens ?? u['output_tokens_details']?.reasoning_tokens),
  };
}
