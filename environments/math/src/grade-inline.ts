import { cleanAnswer } from './equivalence/clean.js';
import { isEquivalent } from './equivalence/is-equivalent.js';
import { normalizeAnswer } from './equivalence/normalize-answer.js';
import { goldChoice } from './equivalence/choice.js';
import { parseRelation } from './equivalence/relation.js';
import { parseStructure } from './equivalence/structure.js';
import { extractAnswer } from './extract/extract-answer.js';
import type { GradeVerdict } from './grade-verdict.js';

/**
 * Grades one model output on the calling thread, with no time limit: extraction, then equivalence.
 * This is what a grading worker runs; callers use the time-limited `gradeCase`.
 */
export function gradeCaseInline(fullGold: string, pred: string): GradeVerdict {
  const gold = referenceAnswer(fullGold);
  const cleanGold = cleanAnswer(gold);
  const shape = parseStructure(cleanGold);
  const goldParts = shape.kind === 'set' ? shape.items.length : 1;
  const found = extractAnswer(pred, { goldParts, goldIsChoice: goldChoice(cleanGold) !== null });
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

/**
 * The reference answer in a reference that is a whole solution: GSM8K's answer field ends in `#### 72`, a MATH
 * solution boxes its answer. A bare reference is returned as it is.
 */
function referenceAnswer(gold: string): string {
  if (!/####|\\boxed|\\fbox/.test(gold)) return gold;
  const found = extractAnswer(gold);
  return found && (found.rule === 'gsm8k-marker' || found.rule === 'boxed') ? found.written : gold;
}
