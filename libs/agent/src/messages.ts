import { assistantMessageOf, type AssistantTurn } from '@crucible/core';
import type { ModelChoice } from '@crucible/model';
import type { ChatMessage } from './agent-context.js';

/**
 * The turn a model choice adds to the history (kept append-only for prefix caches). Reasoning rides along as
 * its own field for the trajectory; the model client never sends it back as content.
 */
export function turnOf(choice: ModelChoice): AssistantTurn {
  const calls = choice.message.tool_calls ?? [];
  return {
    content: calls.length === 0 ? (choice.message.content ?? '') : (choice.message.content ?? null),
    ...(calls.length > 0 ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.function.name, arguments: c.function.arguments } })) } : {}),
    ...(choice.message.reasoning ? { reasoning: choice.message.reasoning } : {}),
    ...(choice.message.reasoning_items ? { reasoning_items: choice.message.reasoning_items } : {}),
    finishReason: choice.finishReason,
  };
}

/** The assistant message of a turn, as the model client takes it. */
export function assistantMessage(turn: AssistantTurn): ChatMessage {
  return assistantMessageOf(turn) as ChatMessage;
}

/** A tool result message. */
export function toolMessage(toolCallId: string, content: string): ChatMessage {
  return { role: 'tool', tool_call_id: toolCallId, content };
}

/** A user message. */
export function userMessage(content: string): ChatMessage {
  return { role: 'user', content };
}
