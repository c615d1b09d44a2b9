import { z } from 'zod';
import type { Knobs } from './sampling.js';

const ToolCallSchema = z.looseObject({
  id: z.string().optional(),
  type: z.string().optional(),
  function: z.looseObject({ name: z.string(), arguments: z.string().optional() }).optional(),
});

const MessageSchema = z.looseObject({
  role: z.string(),
  content: z.unknown().optional(),
  tool_calls: z.array(ToolCallSchema).optional(),
  tool_call_id: z.string().optional(),
});

/** The part of a chat completion request body the sim reads; anything else passes unchecked. */
export const SimChatRequestSchema = z.looseObject({
  model: z.string(),
  messages: z.array(MessageSchema).min(1),
  tools: z.array(z.looseObject({ type: z.string(), function: z.looseObject({ name: z.string() }).optional() })).optional(),
  n: z.number().int().min(1).optional(),
  reasoning_effort: z.enum(['minimal', 'low', 'medium', 'high']).optional(),
  max_completion_tokens: z.number().int().min(1).optional(),
  max_tokens: z.number().int().min(1).optional(),
  temperature: z.number().min(0).max(2).optional(),
  seed: z.number().int().optional(),
  stream: z.boolean().optional(),
  /** vLLM's assistant-prefill continuation: the reply continues the last (assistant) message. */
  continue_final_message: z.boolean().optional(),
  add_generation_prompt: z.boolean().optional(),
  /** Thinking budgets under the names servers use (vLLM-style, OpenRouter, Anthropic-compatible). */
  thinking_token_budget: z.number().int().min(1).optional(),
  reasoning: z.looseObject({ max_tokens: z.number().int().min(1).optional() }).optional(),
  thinking: z.looseObject({ budget_tokens: z.number().int().min(1).optional() }).optional(),
});

/** A chat completion request as the sim reads it. */
export type SimChatRequest = z.infer<typeof SimChatRequestSchema>;
/** One message of a {@link SimChatRequest}. */
export type SimMessage = SimChatRequest['messages'][number];

/** The knobs of a request that move the policy. */
export function knobsOf(req: SimChatRequest): Knobs {
  return { effort: req.reasoning_effort, temperature: req.temperature };
}

/** Names of the function tools the request offers. */
export function toolNames(req: SimChatRequest): Set<string> {
  return new Set((req.tools ?? []).flatMap((t) => (t.function ? [t.function.name] : [])));
}

/** The text of a message's content, whether a string or content parts. */
export function contentText(message: SimMessage): string {
  const c = message.content;
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((part) => (part && typeof part === 'object' && 'text' in part ? String(part.text) : '')).join('');
  return '';
}

/** The thinking budget a request names, under any of the field names the sim understands. */
export function thinkingBudgetOf(req: SimChatRequest): number | undefined {
  return req.thinking_token_budget ?? req.reasoning?.max_tokens ?? req.thinking?.budget_tokens;
}

/** The assistant text a prefill-continuation request asks to continue, if it is one. */
export function prefillOf(req: SimChatRequest): string | undefined {
  const last = req.messages.at(-1);
  return req.continue_final_message && last?.role === 'assistant' ? contentText(last) : undefined;
}
