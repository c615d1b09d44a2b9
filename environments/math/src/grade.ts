import { z } from 'zod';
import { extractAnswer, type ExtractionRule } from './extract/extract-answer.js';
import { isEquivalent, type EquivalenceRule } from './equivalence/is-equivalent.js';
import { normalizeAnswer } from './equivalence/normalize-answer.js';
import { readJsonlLines, validateLine } from './loaders/read-jsonl.js';

/** The verdict on one model output against a reference answer. */
export interface GradeVerdict {
  equal: boolean;
  /** The equivalence rule that decided, or `no-answer` when nothing could be extracted. */
  rule: EquivalenceRule | 'no-answer';
  /** The final answer found in the output, as written; null when none was found. */
  extracted: string | null;
  /** Which extraction rule found it. */
  extractedBy: ExtractionRule | null;
  /** The reference, normalised. */
  gold: string;
  /** The extracted answer, normalised (the voting key); null when none was found. */
  pred: string | null;
}

/**
 * Grades a full model output against a reference answer: extracts the final answer
 * (`#### N`, `\boxed{}`, "the answer is ...", last number), then checks equivalence.
 */
export function gradeCase(gold: string, pred: string): GradeVerdict {
  const found = extractAnswer(pred);
  if (!found) return { equal: false, rule: 'no-answer', extracted: null, extractedBy: null, gold: normalizeAnswer(gold), pred: null };
  const verdict = isEquivalent(gold, found.answer);
  return { equal: verdict.equal, rule: verdict.rule, extracted: found.answer, extractedBy: found.rule, gold: verdict.gold, pred: verdict.pred };
}

const CaseSchema = z.object({
  gold: z.union([z.string(), z.number()]).transform(String),
  pred: z.string(),
});

const HINT = 'each line must be a JSON object {"gold": "<reference answer>", "pred": "<model output>"}';

/**
 * Grades a JSONL file of `{"gold", "pred"}` lines, one verdict per line (with its line number).
 * The whole file is validated first: a malformed line fails with `invalid_dataset` and `<file>:<line>`
 * before any verdict is produced.
 */
export async function* gradeJsonl(path: string): AsyncIterable<GradeVerdict & { line: number }> {
  const lines = await readJsonlLines(path, HINT);
  const cases = lines.map((line) => ({ line: line.line, ...validateLine(path, line, CaseSchema, HINT) }));
  for (const c of cases) yield { line: c.line, ...gradeCase(c.gold, c.pred) };
}
