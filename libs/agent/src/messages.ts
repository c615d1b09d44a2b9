import type { ModelChoice } from '@crucible/model';
import type { ChatMessage } from './agent-context.js';

/**
 * The assistant message to append to the history for a model choice (kept append-only for prefix caches).
 * Reasoning rides along as its own field for the trajectory; the model client never sends it back as content.
 */
export function assistantMessage(choice: ModelChoice): ChatMessage {
  const calls = choice.message.tool_calls ?? [];
  const extras = {
    ...(choice.message.reasoning ? { reasoning: choice.message.reasoning } : {}),
    ...(choice.message.reasoning_items ? { reasoning_items: choice.message.reasoning_items } : {}),
  };
  if (calls.length === 0) return { role: 'assistant', content: choice.message.content ?? '', ...extras };
  return {
    role: 'assistant',
    content: choice.message.content ?? null,
    tool_calls: calls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.function.name, arguments: c.function.arguments } })),
    ...extras,
  };
}

/** A tool result message. */
export function toolMessage(toolCallId: string, content: string): ChatMessage {
  return { role: 'tool', tool_call_id: toolCallId, content };
}

/** A user message. */
export function userMessage(content: string): ChatMessage {
  return { role: 'user', content };
}
