import { z } from 'zod';
import { FAMILY_NAMES } from './generators/families.js';

/**
 * The math environment's options. Without `dataset`, tasks are procedural: `ctx.limit ?? count` of
 * them, cycling through `families` and (unless `difficulty` fixes one) difficulties 1 to 5.
 * With `dataset` (a GSM8K or MATH JSONL file, or the shipped `gsm8k-sample` / `math-sample`),
 * tasks are its records; `difficulty` then keeps only records of that difficulty.
 */
export const MathConfigSchema = z
  .object({
    dataset: z.string().min(1).optional(),
    format: z.enum(['gsm8k', 'math']).optional(),
    // Coerced, so flag values such as "3" or "fractions,arithmetic" work as well as JSON.
    difficulty: z.coerce.number().int().min(1).max(5).optional(),
    families: z
      .preprocess((v) => (typeof v === 'string' ? v.split(',').map((f) => f.trim()) : v), z.array(z.enum(FAMILY_NAMES)).min(1))
      .optional(),
    count: z.coerce.number().int().positive().default(100),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.dataset !== undefined && config.families !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['families'], message: 'families applies to procedural tasks only; drop it or drop dataset' });
    }
    if (config.dataset === undefined && config.format !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['format'], message: 'format applies to a dataset only; set dataset too' });
    }
  });

/** The parsed config. */
export type MathConfig = z.output<typeof MathConfigSchema>;
