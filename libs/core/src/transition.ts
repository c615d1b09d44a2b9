import { z } from 'zod';
import { AssistantTurnSchema } from './chat-message.js';
import { UsageSchema } from './usage.js';

/**
 * What the agent did at one transition. `tool_call`: a tool call the environment stepped (or, with
 * `info.notRun`, one it skipped because the episode had ended); `answer`: a single-turn reply submitted through
 * the answer tool; `invalid`: an action that failed validation (or a reply with no tool call), never stepped;
 * `feedback`: the harness fed a failed check back for a revision.
 */
export const ActionSchema = z.object({
  kind: z.enum(['tool_call', 'answer', 'invalid', 'feedback']),
  tool: z.string().optional(),
  /** The validated input, when it parsed. */
  input: z.unknown().optional(),
  callId: z.string().optional(),
  /** The raw arguments text of a tool call. */
  raw: z.string().optional(),
  /** The model's turn, on the first transition of that turn. */
  message: AssistantTurnSchema.optional(),
});

/**
 * One environment step, rejected action or revision feedback, in order (Gymnasium's step tuple plus what it
 * cost). Non-steps have reward 0 and are neither terminated nor truncated.
 */
export const TransitionSchema = z.object({
  action: ActionSchema,
  /** What the model was told next: the tool result or user message that followed the action. */
  observation: z.string(),
  reward: z.number(),
  terminated: z.boolean(),
  truncated: z.boolean(),
  info: z.record(z.string(), z.unknown()),
  /** The policy's usage of the turn, on its first transition (zero on the others). */
  usage: UsageSchema,
  /** Wall time of this transition: on a turn's first transition the model call plus the step, else the step. */
  ms: z.number().nonnegative(),
});

/** See {@link TransitionSchema}. */
export type Transition = z.infer<typeof TransitionSchema>;
