import type { SimHint } from '@crucible/core';
import type { MathTask } from './math-task.js';
import { perturbReference } from './perturb-reference.js';

/** What the sim model knows about a math task: the reference, wrong answers that collide, the style. */
export function mathSimHint(task: MathTask): SimHint {
  const wrongAnswers = task.wrongAnswers && task.wrongAnswers.length > 0 ? task.wrongAnswers : perturbReference(task.reference);
  return { kind: 'answer', difficulty: task.difficulty ?? 3, answer: task.reference, wrongAnswers, style: task.style };
}
