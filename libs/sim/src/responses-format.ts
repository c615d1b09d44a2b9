import { z } from 'zod';
import type { Completion } from './completion.js';
import type { SimChatRequest, SimMessage } from './sim-request.js';
import { spread, textChunks, type StreamEvent } from './stream-plan.js';

/** The part of a Responses API request body the sim reads. */
export const SimResponsesRequestSchema = z.looseObject({
  model: z.string(),
  input: z.union([z.string(), z.array(z.looseObject({ type: z.string().optional(), role: z.string().optional() })).min(1)]),
  tools: z.array(z.looseObject({ type: z.string(), name: z.string().optional() })).optional(),
  reasoning: z.looseObject({ effort: z.enum(['minimal', 'low', 'medium', 'high']).optional(), max_tokens: z.number().int().min(1).optional() }).optional(),
  max_output_tokens: z.number().int().min(1).optional(),
  temperature: z.number().min(0).max(2).optional(),
  stream: z.boolean().optional(),
  thinking_token_budget: z.number().int().min(1).optional(),
});

/** A Responses API request as the sim reads it. */
export type SimResponsesRequest = z.infer<typeof SimResponsesRequestSchema>;

const ENCRYPTED_PREFIX = 'sim-encrypted:';

/**
 * The chat request the policy reads for a Responses API request: input items back to messages (function
 * calls onto the assistant turn they belong to), and the count of reasoning items handed back, which a
 * model that keeps its reasoning across turns receives.
 */
export function toChatRequest(req: SimResponsesRequest): { chat: SimChatRequest; reasoningItems: number } {
  const messages: SimMessage[] = [];
  let reasoningItems = 0;
  const items = typeof req.input === 'string' ? [{ role: 'user', content: req.input }] : (req.input as Array<Record<string, any>>);
  for (const item of items) {
    if (item['type'] === 'reasoning') {
      if (typeof item['encrypted_content'] === 'string' && item['encrypted_content'].startsWith(ENCRYPTED_PREFIX)) reasoningItems++;
    } else if (item['type'] === 'function_call') {
      const call = { id: String(item['call_id']), type: 'function', function: { name: String(item['name']), arguments: String(item['arguments'] ?? '') } };
      const last = messages.at(-1);
      if (last?.role === 'assistant') last.tool_calls = [...(last.tool_calls ?? []), call];
      else messages.push({ role: 'assistant', content: null, tool_calls: [call] });
    } else if (item['type'] === 'function_call_output') {
      messages.push({ role: 'tool', tool_call_id: String(item['call_id']), content: String(item['output'] ?? '') });
    } else messages.push({ role: String(item['role'] ?? 'user'), content: item['content'] });
  }
  const chat: SimChatRequest = {
    model: req.model,
    messages,
    tools: req.tools?.map((t) => ({ type: 'function', function: { name: String(t.name ?? '') } })),
    reasoning_effort: req.reasoning?.effort,
    max_completion_tokens: req.max_output_tokens,
    temperature: req.temperature,
    thinking_token_budget: req.thinking_token_budget ?? req.reasoning?.max_tokens,
  };
  return { chat, reasoningItems };
}

function outputItems(c: Completion): Array<Record<string, unknown>> {
  const out = c.outputs[0]!;
  const items: Array<Record<string, unknown>> = [];
  if (out.reasoning) {
    items.push({
      type: 'reasoning',
      id: `rs_sim_${c.id}`,
      summary: [],
      content: [{ type: 'reasoning_text', text: out.reasoning }],
      encrypted_content: `${ENCRYPTED_PREFIX}${Buffer.from(`[sim] ${out.reasoningTokens} reasoning tokens`).toString('base64')}`,
    });
  }
  if (out.content) items.push({ type: 'message', id: `msg_sim_${c.id}`, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: out.content, annotations: [] }] });
  out.toolCalls.forEach((t, i) => items.push({ type: 'function_call', id: `fc_sim_${c.id}_${i}`, call_id: t.id, name: t.name, arguments: t.arguments, status: 'completed' }));
  return items;
}

/** A Responses API `response` object. */
export function responseBody(c: Completion, status: 'completed' | 'in_progress' = 'completed'): Record<string, unknown> {
  const cut = c.outputs[0]!.finishReason === 'length';
  return {
    id: `resp_sim_${c.id}`,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    model: 'sim',
    status: status === 'completed' && cut ? 'incomplete' : status,
    incomplete_details: status === 'completed' && cut ? { reason: 'max_output_tokens' } : null,
    output: status === 'completed' ? outputItems(c) : [],
    usage:
      status === 'completed'
        ? {
            input_tokens: c.prompt.promptTokens,
            input_tokens_details: { cached_tokens: c.prompt.cachedTokens },
            output_tokens: c.completionTokens,
            output_tokens_details: { reasoning_tokens: c.reasoningTokens },
            total_tokens: c.prompt.promptTokens + c.completionTokens,
          }
        : null,
  };
}

/** The events of a streamed Responses API response: items added, text deltas, items done, then `response.completed`. */
export function responsesStream(c: Completion, chunkTokens: number): StreamEvent[] {
  const events: StreamEvent[] = [];
  let seq = 0;
  const push = (type: string, data: Record<string, unknown>, tokens = 0) => events.push({ event: type, data: { type, sequence_number: seq++, ...data }, tokens });
  push('response.created', { response: responseBody(c, 'in_progress') });
  const out = c.outputs[0]!;
  outputItems(c).forEach((item, outputIndex) => {
    const id = item['id'];
    if (item['type'] === 'reasoning') {
      push('response.output_item.added', { output_index: outputIndex, item: { type: 'reasoning', id, summary: [] } });
      for (const text of textChunks(out.reasoning, chunkTokens)) push('response.reasoning_text.delta', { item_id: id, output_index: outputIndex, content_index: 0, delta: text }, Math.ceil(text.length / 4));
    } else if (item['type'] === 'message') {
      push('response.output_item.added', { output_index: outputIndex, item: { ...item, status: 'in_progress', content: [] } });
      const chunks = textChunks(out.content, chunkTokens);
      const tokens = spread(out.contentTokens, chunks.length);
      chunks.forEach((text, i) => push('response.output_text.delta', { item_id: id, output_index: outputIndex, content_index: 0, delta: text }, tokens[i]!));
    } else {
      push('response.output_item.added', { output_index: outputIndex, item: { ...item, arguments: '', status: 'in_progress' } });
      push('response.function_call_arguments.delta', { item_id: id, output_index: outputIndex, delta: item['arguments'] });
    }
    push('response.output_item.done', { output_index: outputIndex, item });
  });
  // The sim's token counts are not tied to its text: tokens no delta carried ride on the final event.
  const carried = events.reduce((n, e) => n + e.tokens, 0);
  const body = responseBody(c);
  push(body['status'] === 'incomplete' ? 'response.incomplete' : 'response.completed', { response: body }, Math.max(0, c.completionTokens - carried));
  return events;
}
