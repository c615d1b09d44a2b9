import { z } from 'zod';

/**
 * What the sim model is told about a task, out of band (never through the prompt),
 * so it can play a plausible stochastic policy: the right answer, a small set of
 * plausible wrong ones (so wrong votes collide, as real ones do) and the difficulty.
 */
export const SimHintSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('answer'),
    difficulty: z.number().min(1).max(5),
    answer: z.string(),
    wrongAnswers: z.array(z.string()).min(1),
    /** How the sim writes its final answer: GSM8K style `#### N`, LaTeX `\boxed{}`, or prose. */
    style: z.enum(['gsm8k', 'boxed', 'prose']).optional(),
  }),
  z.object({
    kind: z.literal('code'),
    difficulty: z.number().min(1).max(5),
    /** The reference fix, as a unified diff. */
    patch: z.string(),
    /** A plausible but wrong fix, as a unified diff; the sim falls back to a corrupted reference. */
    wrongPatch: z.string().optional(),
    /** The shell command that runs the visible tests, if any. */
    testCommand: z.string().optional(),
  }),
]);

/** See {@link SimHintSchema}. */
export type SimHint = z.infer<typeof SimHintSchema>;
