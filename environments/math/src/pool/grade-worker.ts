/** The grading worker's entry: one task is one `{ gold, pred }` pair, graded with no time limit of its own. */
import { gradeCaseInline } from '../grade-inline.js';
import type { GradeVerdict } from '../grade-verdict.js';

export default function grade(task: { gold: string; pred: string }): GradeVerdict {
  return gradeCaseInline(task.gold, task.pred);
}
