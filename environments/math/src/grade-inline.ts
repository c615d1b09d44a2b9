import { isEquivalent } from './equivalence/is-equivalent.js';
import { normalizeAnswer } from './equivalence/normalize-answer.js';
import { parseRelation } from './equivalence/relation.js';
import { readCase } from './grade-reference.js';
import type { GradeVerdict } from './grade-verdict.js';

/**
 * Grades one model output on the calling thread, with no time limit: extraction, then equivalence.
 * This is what a grading worker runs; callers use the time-limited `gradeCase`.
 */
export function gradeCaseInline(fullGold: string, pred: string): GradeVerdict {
  const { gold, cleanGold, found } = readCase(fullGold, pred);
  if (!found) return { equal: false, rule: 'no-answer', extracted: null, extractedBy: null, confidence: null, ambiguous: false, gold: normalizeAnswer(gold), pred: null };
  // A reference that is an equation (`x + y = 5`) is compared with the whole predicted equation.
  const verdict = isEquivalent(gold, parseRelation(cleanGold) ? found.written : found.answer);
  return {
    equal: verdict.equal,
    rule: verdict.rule,
    extracted: found.answer,
    extractedBy: found.rule,
    confidence: found.confidence,
    ambiguous: found.ambiguous,
    gold: verdict.gold,
    pred: verdict.pred,
  };
}
