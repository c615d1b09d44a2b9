import { CrucibleError, type Usage } from '@crucible/core';
import type OpenAI from 'openai';
import { runStream, type AttemptOptions, type AttemptResult, type StreamSource } from './chat-attempt.js';
import { abortReason } from './abort.js';
import { sseBatches } from './sse-events.js';
import { StreamWatchdog } from './stream-watchdog.js';
import { completeUsage, finishChoice, toUsage, type WireOptions } from './to-model-response.js';
import type { CutReason, ModelMessage, ModelRequest, ModelToolCall } from './types.js';
import { TIMEOUT_HINT } from './timeout-hint.js';

const textOf = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content.map((p) => (p && typeof p === 'object' && 'text' in p ? String((p as { text: unknown }).text) : '')).join('')
      : '';

/**
 * The Responses API input for a chat history. Reasoning items the model returned on earlier turns go back
 * before that turn's calls (stateless: `store: false` with encrypted reasoning), so a reasoning model keeps
 * its thinking across the turns of a tool-using episode; plain reasoning text is never sent back.
 */
export function toResponsesInput(messages: ModelMessage[]): unknown[] {
  const items: unknown[] = [];
  for (const m of messages) {
    if (m.role === 'tool') {
      items.push({ type: 'function_call_output', call_id: m.tool_call_id, output: textOf(m.content) });
    } else if (m.role === 'assistant') {
      items.push(...(m.reasoning_items ?? []));
      const text = textOf(m.content);
      if (text) items.push({ role: 'assistant', content: text });
      for (const call of m.tool_calls ?? []) {
        if (call.type === 'function') items.push({ type: 'function_call', call_id: call.id, name: call.function.name, arguments: call.function.arguments });
      }
    } else {
      items.push({ role: m.role === 'developer' ? 'developer' : m.role, content: textOf(m.content) });
    }
  }
  return items;
}

/** The Responses API body of a request. */
export function toResponsesBody(model: string, req: ModelRequest, wire: WireOptions): Record<string, unknown> {
  if (req.prefill !== undefined) {
    throw new CrucibleError('invalid_flag', 'the Responses API has no assistant prefill, which budget forcing needs', { hint: 'use --api chat with --budget-forcing, or --budget-forcing off' });
  }
  const body: Record<string, unknown> = { model, input: toResponsesInput(req.messages), store: false, include: ['reasoning.encrypted_content'] };
  if (req.tools && req.tools.length > 0) {
    body['tools'] = req.tools.map((t) => ({ type: 'function', name: t.function.name, description: t.function.description, parameters: t.function.parameters, strict: false }));
  }
  if (req.reasoningEffort !== undefined) body['reasoning'] = { effort: req.reasoningEffort };
  if (req.maxTokens !== undefined) body['max_output_tokens'] = req.maxTokens;
  if (req.temperature !== undefined) body['temperature'] = req.temperature;
  if (req.thinkingTokens !== undefined) wire.writeThinking?.(body, req.thinkingTokens);
  if (wire.stream) body['stream'] = true;
  return body;
}

interface ResponseParts {
  content: string;
  reasoning: string;
  items: unknown[];
  calls: ModelToolCall[];
  finishReason: string;
  usage?: Usage;
  model?: string;
}

/** Reads a Responses API `response` object: output text, reasoning (text and items), function calls, usage. */
export function readResponse(raw: unknown): ResponseParts {
  const r = (raw ?? {}) as Record<string, any>;
  const out: ResponseParts = { content: '', reasoning: '', items: [], calls: [], finishReason: 'stop' };
  for (const item of Array.isArray(r['output']) ? (r['output'] as Array<Record<string, any>>) : []) {
    if (item['type'] === 'reasoning') {
      out.items.push(item);
      const parts = Array.isArray(item['content']) && item['content'].length > 0 ? item['content'] : (item['summary'] ?? []);
      out.reasoning += textOf(parts);
    } else if (item['type'] === 'message') out.content += textOf(item['content']);
    else if (item['type'] === 'function_call') {
      out.calls.push({ id: String(item['call_id'] ?? item['id'] ?? ''), type: 'function', function: { name: String(item['name'] ?? ''), arguments: String(item['arguments'] ?? '') } });
    }
  }
  if (r['status'] === 'incomplete') out.finishReason = r['incomplete_details']?.reason === 'max_output_tokens' ? 'length' : String(r['incomplete_details']?.reason ?? 'incomplete');
  else if (out.calls.length > 0) out.finishReason = 'tool_calls';
  if (r['usage']) out.usage = toUsage(r['usage']);
  if (typeof r['model'] === 'string') out.model = r['model'];
  return out;
}

function toAttempt(parts: ResponseParts, cut: CutReason | undefined, opts: AttemptOptions): AttemptResult {
  const choice = finishChoice({ content: parts.content || null, reasoning: parts.reasoning, toolCalls: parts.calls, finishReason: parts.finishReason }, opts.tags, cut);
  if (parts.items.length > 0 && !cut) choice.message.reasoning_items = parts.items;
  const usage = parts.usage ? completeUsage(parts.usage, [choice]) : completeUsage(toUsage(undefined), [choice], { promptText: opts.promptText });
  return { choices: [choice], usage, usageEstimated: parts.usage === undefined, model: parts.model };
}

/** One Responses API attempt, streamed (response events) or not. */
export async function responsesAttempt(sdk: OpenAI, body: Record<string, unknown>, opts: AttemptOptions): Promise<AttemptResult> {
  if (!opts.stream) {
    const watchdog = new StreamWatchdog(opts.idleMs, opts.wallMs, opts.signal);
    try {
      const raw = await sdk.responses.create(body as never, { signal: watchdog.signal, headers: opts.headers });
      return toAttempt(readResponse(raw), undefined, opts);
    } catch (err) {
      if (opts.signal?.aborted) throw abortReason(opts.signal);
      if (watchdog.reason) throw new CrucibleError('timeout', `request to ${opts.where} got no response in time (${watchdog.reason})`, { hint: TIMEOUT_HINT });
      throw err;
    } finally {
      watchdog.stop();
    }
  }
  // Deltas build the partial output a cut keeps; the final response event, when it comes, is authoritative.
  const partial: ResponseParts = { content: '', reasoning: '', items: [], calls: [], finishReason: 'stop' };
  const pendingCalls = new Map<string, ModelToolCall>();
  let final: ResponseParts | undefined;
  let streamed = false;
  const source: StreamSource<Record<string, any>> = {
    open: async (signal) => sseBatches(await sdk.responses.create(body as never, { signal, headers: opts.headers }).asResponse(), opts.where) as AsyncIterable<Array<Record<string, any>>>,
    push(event) {
      const type = String(event['type'] ?? '');
      if (type === 'response.output_text.delta') partial.content += String(event['delta'] ?? '');
      else if (type === 'response.reasoning_text.delta' || type === 'response.reasoning_summary_text.delta') partial.reasoning += String(event['delta'] ?? '');
      else if (type === 'response.output_item.added' && event['item']?.type === 'function_call') {
        const item = event['item'];
        pendingCalls.set(String(item.id ?? item.call_id), { id: String(item.call_id ?? ''), type: 'function', function: { name: String(item.name ?? ''), arguments: '' } });
      } else if (type === 'response.function_call_arguments.delta') {
        const call = pendingCalls.get(String(event['item_id']));
        if (call) call.function.arguments += String(event['delta'] ?? '');
      } else if (type === 'response.completed' || type === 'response.incomplete') final = readResponse(event['response']);
      else if (type === 'response.failed' || type === 'error') {
        const error = event['response']?.error ?? event['error'] ?? event;
        throw new CrucibleError('endpoint_error', `${opts.where} failed the response: ${String(error?.message ?? 'unknown error')}`, { retryable: !streamed });
      }
      if (type.endsWith('.delta')) streamed = true;
    },
    streamed: () => streamed,
    finished: () => final !== undefined,
    result: (cut) => (final && !cut ? toAttempt(final, undefined, opts) : toAttempt({ ...partial, calls: [...pendingCalls.values()] }, cut, opts)),
  };
  return runStream(source, opts);
}
