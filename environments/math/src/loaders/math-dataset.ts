import { z } from 'zod';
import { lastBoxed } from '../extract/boxed.js';

const LEVEL = /^level\s*([1-5])$/i;

/**
 * A MATH / MATH-500 line: `{problem, solution, answer?, level?, type?|subject?, id?|unique_id?}`.
 * Without `answer`, the final answer is the last `\boxed{}` (or `\fbox{}`) of the solution.
 */
export const MathRecordSchema = z
  .object({
    problem: z.string().min(1),
    solution: z.string(),
    answer: z.union([z.string(), z.number()]).optional(),
    level: z.union([z.string(), z.number().int().min(1).max(5)]).optional(),
    type: z.string().optional(),
    subject: z.string().optional(),
    id: z.union([z.string().min(1), z.number()]).optional(),
    unique_id: z.string().min(1).optional(),
  })
  .transform((record, ctx) => {
    const given = record.answer === undefined ? '' : String(record.answer).trim();
    // `\fbox{$...$}` wraps its content in math delimiters; the answer is what is inside.
    const reference = given !== '' ? given : lastBoxed(record.solution)?.replace(/^\$+|\$+$/g, '').trim();
    if (!reference) {
      ctx.addIssue({ code: 'custom', path: ['solution'], message: 'no "answer" field and no \\boxed{} answer in the solution' });
      return z.NEVER;
    }
    const id = record.id ?? record.unique_id;
    const topic = record.type ?? record.subject;
    return {
      id: id === undefined ? undefined : String(id),
      question: record.problem,
      reference,
      difficulty: typeof record.level === 'number' ? record.level : levelOf(record.level),
      family: topic ? slug(topic) : 'math',
    };
  });

// "Level 3" -> 3; MATH also has "Level ?", which means unknown.
function levelOf(level: string | undefined): number | undefined {
  const m = level === undefined ? null : LEVEL.exec(level.trim());
  return m ? Number(m[1]) : undefined;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'math';
}
