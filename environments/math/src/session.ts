import { CrucibleError, type Action, type Score, type Session, type StepResult } from '@crucible/core';
import { gradeCase, type GradeVerdict } from './grade.js';
import type { MathTask } from './math-task.js';
import type { MathTools } from './tools.js';

/**
 * One math episode: the observation is the problem; the first `submit` is graded and ends the
 * episode. Later submits change nothing and say so.
 */
export class MathSession implements Session<MathTools> {
  readonly observation: string;
  private verdict: GradeVerdict | undefined;

  constructor(private readonly task: MathTask) {
    this.observation = task.prompt;
  }

  async step(action: Action<MathTools>): Promise<StepResult> {
    if (action.tool !== 'submit') {
      throw new CrucibleError('unknown_tool', `math has no tool "${String(action.tool)}"`, { hint: 'the only tool is submit' });
    }
    if (this.verdict) {
      return { observation: 'An answer was already submitted; the episode is over.', reward: 0, terminated: true, truncated: false, info: { repeated: true } };
    }
    // Graded in a worker with a time limit, so a pathological answer never stalls other episodes.
    const verdict = await gradeCase(this.task.reference, action.input.answer);
    this.verdict = verdict;
    return {
      observation: verdict.extracted === null ? 'No final answer found.' : `Answer recorded: ${verdict.extracted}`,
      reward: verdict.equal ? 1 : 0,
      terminated: true,
      truncated: false,
      info: { extracted: verdict.extracted, rule: verdict.rule },
    };
  }

  async score(): Promise<Score> {
    const v = this.verdict;
    if (!v) return { value: 0, passed: false, details: { reason: 'no answer', reference: this.task.reference } };
    if (v.extracted === null) {
      return { value: 0, passed: false, details: { reason: 'no answer', extracted: null, rule: v.rule, reference: this.task.reference } };
    }
    return {
      value: v.equal ? 1 : 0,
      passed: v.equal,
      answer: v.pred ?? undefined,
      details: { extracted: v.extracted, extractedBy: v.extractedBy, rule: v.rule, reference: this.task.reference },
    };
  }

  async close(): Promise<void> {
    // Nothing to release: a math episode holds no processes or files.
    return;
  }
}
