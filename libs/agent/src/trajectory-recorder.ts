import { emptyUsage, type AssistantTurn, type ChatMessage as StoredMessage, type Transition, type TrajectorySample, type Usage } from '@crucible/core';
import type { ChatMessage } from './agent-context.js';
import { assistantMessage, toolMessage, userMessage } from './messages.js';

/** What the environment said about a step; absent for actions that were never stepped. */
export type StepOutcome = Pick<Transition, 'reward' | 'terminated' | 'truncated' | 'info'>;

/** The outcome of an action the environment never stepped (rejected, skipped, failed, or feedback). */
export function notStepped(info: Record<string, unknown> = {}): StepOutcome {
  return { reward: 0, terminated: false, truncated: false, info };
}

/**
 * Keeps one sample's chat history (what the model is sent, append-only) and its trajectory (one transition
 * per step, rejected action or feedback) in step, so the history can always be rebuilt from the trajectory.
 */
export class TrajectoryRecorder {
  /** The history sent to the model. */
  readonly messages: ChatMessage[];
  private readonly opening: StoredMessage[];
  private readonly transitions: Transition[] = [];
  private turn?: { message: AssistantTurn; usage: Usage; startedAt: number; recorded: boolean };
  private tail?: TrajectorySample['tail'];

  constructor(opening: ChatMessage[]) {
    this.messages = [...opening];
    this.opening = opening.map((m) => ({ ...m }) as StoredMessage);
  }

  /** A model turn entered the history; `startedAt` is when its model call began. */
  beginTurn(message: AssistantTurn, usage: Usage, startedAt: number): void {
    this.turn = { message, usage, startedAt, recorded: false };
    this.messages.push(assistantMessage(message));
  }

  /** The current turn produced no step (a cut or unfinished generation): it ends the trajectory. */
  endWithTail(): void {
    if (!this.turn) return;
    this.tail = { message: this.turn.message, usage: this.turn.usage, ms: Date.now() - this.turn.startedAt };
    this.turn = undefined;
  }

  /**
   * One transition: its observation goes to the model as a tool result when the action answered a tool call,
   * else as a user message. The first transition of a turn carries the turn's message, usage and model time.
   */
  record(action: Omit<Transition['action'], 'message'>, observation: string, startedAt: number, step: StepOutcome = notStepped()): void {
    const first = this.turn && !this.turn.recorded ? this.turn : undefined;
    if (first) first.recorded = true;
    this.transitions.push({
      action: first ? { ...action, message: first.message } : action,
      observation,
      ...step,
      usage: first ? first.usage : emptyUsage(),
      ms: Date.now() - (first ? first.startedAt : startedAt),
    });
    this.messages.push(action.callId !== undefined ? toolMessage(action.callId, observation) : userMessage(observation));
  }

  /** Feedback between turns (a failed check fed back for a revision). */
  feedback(text: string, startedAt: number, info: Record<string, unknown>): void {
    this.turn = undefined;
    this.record({ kind: 'feedback' }, text, startedAt, notStepped(info));
  }

  /** The sample's trajectory so far. */
  sample(index: number): TrajectorySample {
    return { index, opening: this.opening, transitions: this.transitions, ...(this.tail ? { tail: this.tail } : {}) };
  }
}
