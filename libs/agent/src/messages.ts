import type { ModelChoice } from '@crucible/model';
import type { ChatMessage } from './agent-context.js';

/** The assistant message to append to the history for a model choice (kept append-only for prefix caches). */
export function assistantMessage(choice: ModelChoice): ChatMessage {
  const calls = choice.message.tool_calls ?? [];
  if (calls.length === 0) return { role: 'assistant', content: choice.message.content ?? '' };
  return {
    role: 'assistant',
    content: choice.message.content ?? null,
    tool_calls: calls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.function.name, arguments: c.function.arguments } })),
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
