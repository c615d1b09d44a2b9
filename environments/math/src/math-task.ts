import type { Task } from '@crucible/core';

/** How a solver writes its final answer for this task (the style a scripted test model writes it in). */
export type AnswerStyle = 'gsm8k' | 'boxed' | 'prose';

/** A math task: the problem, its reference answer and, for procedural tasks, plausible wrong answers. */
export interface MathTask extends Task {
  family: string;
  /** The reference answer, as a solver would write it. */
  reference: string;
  /** Plausible wrong answers; loaded datasets derive them from the reference on demand. */
  wrongAnswers?: string[];
  style: AnswerStyle;
}
