import type { EquivalenceRule } from './equivalence/is-equivalent.js';
import type { Extraction, ExtractionRule } from './extract/extract-answer.js';

/** The verdict on one model output against a reference answer. */
export interface GradeVerdict {
  equal: boolean;
  /**
   * The equivalence rule that decided; `no-answer` when nothing could be extracted; `timeout` when the
   * check ran out of time (then `equal` is false).
   */
  rule: EquivalenceRule | 'no-answer' | 'timeout';
  /** The final answer found in the output; null when none was found. */
  extracted: string | null;
  /** Which extraction rule found it. */
  extractedBy: ExtractionRule | null;
  /** How sure the extraction is (see {@link Extraction}); null when nothing was extracted. */
  confidence: Extraction['confidence'] | null;
  /** The extraction rule saw other, different candidates. */
  ambiguous: boolean;
  /** The reference, normalised. */
  gold: string;
  /** The extracted answer, normalised (the voting key); null when none was found. */
  pred: string | null;
}
