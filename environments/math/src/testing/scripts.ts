import type { TaskScript, TaskScripts } from '@crucible/sim';
import type { AnswerStyle, MathTask } from '../math-task.js';
import { perturbReference } from '../perturb-reference.js';

/** How each answer style writes a final answer line (`{answer}` is replaced); the order is the sim's draw order. */
const FORMATS: Record<AnswerStyle, string> = { gsm8k: '#### {answer}', boxed: '\\boxed{{answer}}', prose: 'The answer is {answer}.' };

/** The sim's script of a math task: the reference, wrong answers that collide, and the task's answer style. */
export function mathScript(task: MathTask): TaskScript {
  const wrongAnswers = task.wrongAnswers && task.wrongAnswers.length > 0 ? task.wrongAnswers : perturbReference(task.reference);
  const formats = task.style ? [FORMATS[task.style]] : Object.values(FORMATS);
  return { kind: 'answer', difficulty: task.difficulty ?? 3, answer: task.reference, wrongAnswers, formats };
}

/** What the sim needs to play the math environment's tasks. */
export const scripts: TaskScripts<MathTask> = { scriptFor: (task) => mathScript(task) };
