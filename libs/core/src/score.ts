import { z } from 'zod';

/** The verdict on an episode. `answer` is the normalised final answer that voting groups by. */
export const ScoreSchema = z.object({
  value: z.number().min(0).max(1),
  passed: z.boolean(),
  answer: z.string().optional(),
  details: z.record(z.string(), z.unknown()),
});

/** See {@link ScoreSchema}. */
export type Score = z.infer<typeof ScoreSchema>;

/** A check made without hidden references (visible tests, a self-check); feeds best-of-N and revisions. */
export const VerificationSchema = z.object({
  passed: z.boolean(),
  value: z.number(),
  /** Text for the model when it gets another try. */
  feedback: z.string(),
});

/** See {@link VerificationSchema}. */
export type Verification = z.infer<typeof VerificationSchema>;
