import { z } from 'zod';

/** A tool call as the model made it; `arguments` is the raw text and may not be valid JSON. */
export const ToolCallSchema = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

/**
 * One model turn as it entered the history: the answer text (`content`), its tool calls, and the reasoning
 * kept apart from the answer (never sent back as content). `finishReason` is the server's, or the cut that
 * stopped the stream.
 */
export const AssistantTurnSchema = z.object({
  content: z.string().nullable(),
  tool_calls: z.array(ToolCallSchema).optional(),
  reasoning: z.string().optional(),
  reasoning_items: z.array(z.unknown()).optional(),
  finishReason: z.string(),
});

/** See {@link AssistantTurnSchema}. */
export type AssistantTurn = z.infer<typeof AssistantTurnSchema>;

/** A chat message as Crucible sends and stores it (the OpenAI chat shape plus the reasoning extras). */
export const ChatMessageSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: z.string() }),
  z.object({ role: z.literal('user'), content: z.string() }),
  z.object({
    role: z.literal('assistant'),
    content: z.string().nullable(),
    tool_calls: z.array(ToolCallSchema).optional(),
    reasoning: z.string().optional(),
    reasoning_items: z.array(z.unknown()).optional(),
  }),
  z.object({ role: z.literal('tool'), tool_call_id: z.string(), content: z.string() }),
]);

/** See {@link ChatMessageSchema}. */
export type ChatMessage = z.infer<typeof ChatMessageSchema>;
