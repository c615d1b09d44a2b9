import { z } from 'zod';

/** Reasoning effort levels accepted by OpenAI-compatible endpoints. */
export const REASONING_EFFORTS = ['minimal', 'low', 'medium', 'high'] as const;

/**
 * Inference-time compute for one run or sweep point. Budgets stop an episode gracefully:
 * what was done is kept and scored, and the exit reason says which limit cut it.
 */
export const ComputeSchema = z
  .object({
    /** N samples per task. */
    samples: z.number().int().min(1).max(10_000).default(1),
    /** How N samples become one answer: majority vote, best by verify(), or the first. */
    aggregate: z.enum(['vote', 'best', 'first']).default('vote'),
    /** Adaptive voting: stop drawing once the leader cannot be overtaken, or its lead is confident at this level. */
    adaptive: z
      .union([z.literal(false), z.object({ confidence: z.number().gt(0.5).lt(1).default(0.95), minSamples: z.number().int().min(1).default(2) })])
      .default(false),
    /** Sequential revisions fed by the environment's verify() feedback. */
    revisions: z.number().int().min(0).max(100).default(0),
    reasoningEffort: z.enum(REASONING_EFFORTS).optional(),
    /**
     * Thinking budget in tokens per generation. Sent as the endpoint's thinking field, or, with
     * `budgetForcing`, enforced by Crucible (s1-style budget forcing for open models).
     */
    thinkingTokens: z.number().int().positive().optional(),
    /**
     * Budget forcing (Muennighoff et al., "s1: Simple test-time scaling", 2025) at `thinkingTokens`: `stop` cuts
     * the thinking at the budget and forces the answer; `wait` also extends thinking that ends early by appending
     * "Wait" (at most `maxWaits` times). Absent or `off`: the budget is passed through to the server.
     */
    budgetForcing: z.enum(['off', 'stop', 'wait']).optional(),
    maxWaits: z.number().int().min(1).max(16).optional(),
    maxTokens: z.number().int().positive().optional(),
    temperature: z.number().min(0).max(2).optional(),
    /** Send N single-turn samples as one request with n=N (one prefill) where the endpoint allows. */
    batch: z.boolean().default(true),
    /** Largest n one request may carry; bigger N is split into chunks. */
    maxN: z.number().int().min(1).default(128),
    /** Per-episode budgets. */
    maxSteps: z.number().int().min(1).default(30),
    maxEpisodeTokens: z.number().int().positive().optional(),
    maxEpisodeSeconds: z.number().positive().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.budgetForcing !== undefined && c.budgetForcing !== 'off' && c.thinkingTokens === undefined) {
      ctx.addIssue({ code: 'custom', path: ['budgetForcing'], message: `budget forcing "${c.budgetForcing}" needs thinkingTokens (the budget it forces); set --thinking-tokens N` });
    }
  });

/** Resolved compute settings. */
export type Compute = z.output<typeof ComputeSchema>;
/** Compute settings as a user writes them (defaults optional). */
export type ComputeInput = z.input<typeof ComputeSchema>;

/** Per-run budgets: when reached, no new episodes start and finished ones are kept. */
export const RunBudgetSchema = z
  .object({
    maxTokens: z.number().int().positive().optional(),
    maxCostUsd: z.number().positive().optional(),
  })
  .strict();

/** See {@link RunBudgetSchema}. */
export type RunBudget = z.infer<typeof RunBudgetSchema>;
