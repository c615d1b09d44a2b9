import { goldChoice } from './equivalence/choice.js';
import { cleanAnswer } from './equivalence/clean.js';
import { parseStructure } from './equivalence/structure.js';
import { extractAnswer, type Extraction } from './extract/extract-answer.js';

/** One case read for grading: the reference answer, the same cleaned, and the answer found in the output. */
export interface ReadCase {
  gold: string;
  cleanGold: string;
  found: Extraction | null;
}

/**
 * Reads a reference and a model output the way every grading path does: the reference's answer (see
 * {@link referenceAnswer}), then extraction told how many parts the reference has and whether it is a choice letter.
 */
export function readCase(fullGold: string, pred: string): ReadCase {
  const gold = referenceAnswer(fullGold);
  const cleanGold = cleanAnswer(gold);
  const shape = parseStructure(cleanGold);
  const goldParts = shape.kind === 'set' ? shape.items.length : 1;
  return { gold, cleanGold, found: extractAnswer(pred, { goldParts, goldIsChoice: goldChoice(cleanGold) !== null }) };
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
