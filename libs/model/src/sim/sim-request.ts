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
