import { CrucibleError, type Usage } from '@crucible/core';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { ModelChoice, ModelRequest, ModelToolCall } from './types.js';

/** The chat completion body for a request: only the fields that are set, `tools` only when non-empty. */
export function toRequestBody(model: string, req: ModelRequest): ChatCompletionCreateParamsNonStreaming {
  const body: ChatCompletionCreateParamsNonStreaming = { model, messages: req.messages };
  if (req.tools && req.tools.length > 0) body.tools = req.tools;
  if (req.n !== undefined) body.n = req.n;
  if (req.reasoningEffort !== undefined) body.reasoning_effort = req.reasoningEffort;
  if (req.maxTokens !== undefined) body.max_completion_tokens = req.maxTokens;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.seed !== undefined) body.seed = req.seed;
  return body;
}

interface RawChoice {
  message?: { content?: unknown; tool_calls?: unknown };
  finish_reason?: unknown;
}

/** Choices, usage and model of a response body, or a `malformed_response` error when it has no usable choices. */
export function readCompletion(raw: unknown, where: string): { choices: ModelChoice[]; usage: Usage; model?: string } {
  const body = raw as { choices?: unknown; usage?: unknown; model?: unknown } | null;
  if (!body || typeof body !== 'object' || !Array.isArray(body.choices) || body.choices.length === 0) {
    const shape = typeof raw === 'string' ? `text of ${raw.length} chars` : body && typeof body === 'object' ? 'JSON without choices' : typeof raw;
    throw new CrucibleError('malformed_response', `response from ${where} has no choices (${shape})`);
  }
  const choices = (body.choices as RawChoice[]).map(toChoice);
  return { choices, usage: toUsage(body.usage), model: typeof body.model === 'string' ? body.model : undefined };
}

function toChoice(choice: RawChoice): ModelChoice {
  const message = choice?.message ?? {};
  const content = typeof message.content === 'string' ? message.content : null;
  const calls = Array.isArray(message.tool_calls) ? (message.tool_calls as Array<Record<string, any>>) : [];
  const toolCalls: ModelToolCall[] = calls
    .filter((c) => c && c['type'] === 'function' && c['function'])
    .map((c) => ({
      id: String(c['id'] ?? ''),
      type: 'function',
      function: { name: String(c['function'].name ?? ''), arguments: String(c['function'].arguments ?? '') },
    }));
  const finishReason = typeof choice?.finish_reason === 'string' ? choice.finish_reason : 'unknown';
  return { message: toolCalls.length > 0 ? { content, tool_calls: toolCalls } : { content }, finishReason };
}

function toUsage(raw: unknown): Usage {
  const u = (raw ?? {}) as Record<string, any>;
  const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.round(v) : 0);
  return {
    calls: 1,
    promptTokens: count(u['prompt_tokens']),
    completionTokens: count(u['completion_tokens']),
    cachedTokens: count(u['prompt_tokens_details']?.cached_tokens),
    reasoningTokens: count(u['completion_tokens_details']?.reasoning_tokens),
  };
}
