import { z } from 'zod';

/** Reasoning effort levels accepted by OpenAI-compatible endpoints. */
export const REASONING_EFFORTS = ['minimal', 'low', 'medium', 'high'] as const;

/** How samples become one answer. */
const StrategySchema = z
  .object({
    /** N samples per task. */
    samples: z.number().int().min(1).max(10_000).default(1),
    /** How N samples become one answer: majority vote, best by verify(), or the first. */
    aggregate: z.enum(['vote', 'best', 'first']).default('vote'),
    /** Adaptive voting: stop drawing once the leader cannot be overtaken, or its lead is confident at this level. */
    adaptive: z
      .union([z.literal(false), z.object({ confidence: z.number().gt(0.5).lt(1).default(0.95), minSamples: z.number().int().min(1).default(2) }).strict()])
      .default(false),
    /** Sequential revisions fed by the environment's verify() feedback. */
    revisions: z.number().int().min(0).max(100).default(0),
  })
  .strict();

/** What each generation asks the endpoint for. Absent fields are not sent (the server's defaults apply). */
const SamplingSchema = z
  .object({
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
    /** Completion tokens per model call. */
    maxTokens: z.number().int().positive().optional(),
    temperature: z.number().min(0).max(2).optional(),
  })
  .strict();

/**
 * Limits stop gracefully: what was done is kept and scored, and the exit reason says which limit cut it.
 * `perSample` holds for each trajectory on its own; `perEpisode` for all samples of an episode together.
 */
const LimitsSchema = z
  .object({
    perSample: z
      .object({
        maxSteps: z.number().int().min(1).default(30),
        maxTokens: z.number().int().positive().optional(),
        maxSeconds: z.number().positive().optional(),
      })
      .strict()
      .prefault({}),
    perEpisode: z
      .object({
        maxTokens: z.number().int().positive().optional(),
        maxSeconds: z.number().positive().optional(),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** How requests are sent; changes cost and latency, not what is asked. */
const TransportSchema = z
  .object({
    /** Send N single-turn samples as one request with n=N (one prefill) where the endpoint allows. */
    batch: z.boolean().default(true),
    /** Largest n one request may carry; bigger N is split into chunks. */
    maxN: z.number().int().min(1).default(128),
  })
  .strict();

/**
 * Inference-time compute for one run or sweep point, in four groups: `strategy` (how samples become an
 * answer), `sampling` (what each generation asks for), `limits` (per sample and per episode) and `transport`
 * (how requests are sent). Every group is optional, so `{}` is the default setting. Users' flat names
 * (`samples`, `maxEpisodeTokens`, ...) are mapped onto the groups by `computeFromFlat`.
 */
export const ComputeSchema = z
  .object({
    strategy: StrategySchema.prefault({}),
    sampling: SamplingSchema.prefault({}),
    limits: LimitsSchema.prefault({}),
    transport: TransportSchema.prefault({}),
  })
  .strict()
  .superRefine((c, ctx) => {
    const forcing = c.sampling.budgetForcing;
    if (forcing !== undefined && forcing !== 'off' && c.sampling.thinkingTokens === undefined) {
      ctx.addIssue({ code: 'custom', path: ['sampling', 'budgetForcing'], message: `budget forcing "${forcing}" needs thinkingTokens (sampling.thinkingTokens, the budget it forces); set --thinking-tokens N` });
    }
  });

/** Resolved compute settings. */
export type Compute = z.output<typeof ComputeSchema>;
/** Compute settings as a user writes them in groups (defaults optional). */
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
