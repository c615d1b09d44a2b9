import { z } from 'zod';

/** A GSM8K line: `{question, answer}` where the answer's last `#### N` is the final answer. */
export const Gsm8kRecordSchema = z
  .object({
    question: z.string().min(1),
    answer: z.string(),
    id: z.union([z.string().min(1), z.number()]).optional(),
  })
  .transform((record, ctx) => {
    const marks = [...record.answer.matchAll(/####\s*([^\n]*)/g)];
    const final = (marks.at(-1)?.[1] ?? '').trim().replace(/,/g, '');
    if (final === '') {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: 'no "#### <final answer>" at the end of the answer' });
      return z.NEVER;
    }
    const working = record.answer.slice(0, marks.at(-1)?.index).split('\n').filter((l) => l.trim() !== '');
    return {
      id: record.id === undefined ? undefined : String(record.id),
      question: record.question,
      reference: final,
      // GSM8K has no levels; the number of worked steps stands in for difficulty.
      difficulty: Math.min(5, Math.max(1, working.length)),
      family: 'gsm8k',
    };
  });
