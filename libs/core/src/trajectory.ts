import { z } from 'zod';
import { AssistantTurnSchema, ChatMessageSchema, type AssistantTurn, type ChatMessage } from './chat-message.js';
import { TransitionSchema } from './transition.js';
import { UsageSchema } from './usage.js';

/** Bumped whenever a trajectory field changes meaning; 1 was the chat-messages-only format. */
export const TRAJECTORY_FORMAT_VERSION = 2;

/** One sample's trajectory: its opening messages, then one transition per step, rejected action or feedback. */
export const TrajectorySampleSchema = z.object({
  index: z.number().int().nonnegative(),
  /** The system prompt and the task's first observation. */
  opening: z.array(ChatMessageSchema),
  transitions: z.array(TransitionSchema),
  /** A final model turn that produced no step (a cut stream, no answer, a stopped generation), with its cost. */
  tail: z.object({ message: AssistantTurnSchema, usage: UsageSchema, ms: z.number().nonnegative() }).optional(),
});

/** See {@link TrajectorySampleSchema}. */
export type TrajectorySample = z.infer<typeof TrajectorySampleSchema>;

/** `trajectories/<episode-id>.json.gz`: every sample of one episode. */
export const TrajectorySchema = z.object({
  format: z.literal(TRAJECTORY_FORMAT_VERSION),
  episodeId: z.string(),
  taskId: z.string(),
  /** True when a test double (not a real model) produced it. */
  testDouble: z.boolean(),
  samples: z.array(TrajectorySampleSchema),
});

/** See {@link TrajectorySchema}. */
export type Trajectory = z.infer<typeof TrajectorySchema>;

/** The assistant message a model turn added to the history. */
export function assistantMessageOf(turn: AssistantTurn): ChatMessage {
  const { finishReason: _finish, ...message } = turn;
  return { role: 'assistant', ...message };
}

/**
 * The chat history a sample's model saw, rebuilt from its trajectory: the opening, then each turn's assistant
 * message followed by the observations of its transitions (a tool result when the action answered a tool call,
 * else a user message), then the tail turn if any.
 */
export function messagesOf(sample: TrajectorySample): ChatMessage[] {
  const out: ChatMessage[] = [...sample.opening];
  for (const t of sample.transitions) {
    if (t.action.message) out.push(assistantMessageOf(t.action.message));
    out.push(t.action.callId !== undefined ? { role: 'tool', tool_call_id: t.action.callId, content: t.observation } : { role: 'user', content: t.observation });
  }
  if (sample.tail) out.push(assistantMessageOf(sample.tail.message));
  return out;
}
