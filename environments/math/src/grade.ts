import { z } from 'zod';
import { extractAnswer } from './extract/extract-answer.js';
import { gradeFastPath } from './grade-fast-path.js';
import type { GradeVerdict } from './grade-verdict.js';
import { readJsonlRecords } from './loaders/read-jsonl.js';
import { DEFAULT_GRADE_TIMEOUT_MS, gradeInWorker } from './pool/grade-pool.js';

export type { GradeVerdict } from './grade-verdict.js';

/** Limits of one grade. */
export interface GradeOptions {
  /** Wall-clock limit of the check, in ms (default 2000, or `CRUCIBLE_MATH_GRADE_TIMEOUT_MS`). */
  timeoutMs?: number;
}

/**
 * Grades a full model output against a reference answer: extracts the final answer (see `extractAnswer`),
 * then checks equivalence. Plain numbers, fractions, choice letters and words are decided on the calling thread
 * (`gradeFastPath`, the same verdicts); anything else is checked in a worker thread with a time limit. A check
 * that runs out of time is the verdict `{ equal: false, rule: 'timeout' }`, never a hang; other grades keep
 * flowing meanwhile.
 */
export async function gradeCase(gold: string, pred: string, options: GradeOptions = {}): Promise<GradeVerdict> {
  // Most answers are numbers: a worker round-trip (two structured clones, two thread wake-ups) costs more than they do.
  const fast = gradeFastPath(gold, pred);
  if (fast) return fast;
  const verdict = await gradeInWorker(gold, pred, options.timeoutMs ?? defaultTimeout());
  if (verdict.rule !== 'timeout') return verdict;
  // Extraction is regular expressions over a bounded text: cheap enough to report here.
  const found = extractAnswer(pred);
  return { ...verdict, extracted: found?.answer ?? null, extractedBy: found?.rule ?? null, confidence: found?.confidence ?? null, ambiguous: found?.ambiguous ?? false };
}

function defaultTimeout(): number {
  const env = Number(process.env['CRUCIBLE_MATH_GRADE_TIMEOUT_MS']);
  return Number.isFinite(env) && env > 0 ? env : DEFAULT_GRADE_TIMEOUT_MS;
}

const CaseSchema = z.object({
  gold: z.union([z.string(), z.number()]).transform(String),
  pred: z.union([z.string(), z.number()]).transform(String),
  equal: z.boolean().optional(),
});

const HINT = 'each line must be a JSON object {"gold": "<reference answer>", "pred": "<model output>"} with an optional "equal": true|false (the expected verdict)';

/** One graded line of a JSONL file: the verdict, its line number and the expected verdict when the line gave one. */
export type JsonlVerdict = GradeVerdict & { line: number; expected?: boolean };

/**
 * Grades a JSONL file of `{"gold", "pred", "equal"?}` lines, one verdict per line in file order (several
 * graded at once). The whole file is validated first: a malformed line fails with `invalid_dataset` and
 * `<file>:<line>` before any verdict is produced.
 */
export async function* gradeJsonl(path: string, options: GradeOptions & { concurrency?: number } = {}): AsyncIterable<JsonlVerdict> {
  const cases = (await readJsonlRecords(path, CaseSchema, HINT)).map((entry) => ({ line: entry.line, ...entry.value }));
  const window = Math.max(1, options.concurrency ?? 8);
  const pending: Array<Promise<JsonlVerdict>> = [];
  let next = 0;
  const start = () => {
    const c = cases[next++];
    if (!c) return;
    pending.push(gradeCase(c.gold, c.pred, options).then((v) => ({ line: c.line, ...v, ...(c.equal === undefined ? {} : { expected: c.equal }) })));
  };
  while (next < cases.length && pending.length < window) start();
  while (pending.length > 0) {
    const verdict = await (pending.shift() as Promise<JsonlVerdict>);
    start();
    yield verdict;
  }
}
