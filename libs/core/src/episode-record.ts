import { z } from 'zod';
import { StoredComputeSchema } from './compute-flat.js';
import { ExitReasonSchema } from './exit-reason.js';
import { ScoreSchema, VerificationSchema } from './score.js';
import { UsageSchema } from './usage.js';

/** Bumped whenever a field changes meaning; readers refuse formats they do not know. */
export const EPISODE_FORMAT_VERSION = 2;

/** One sample (one trajectory) within an episode. */
export const SampleRecordSchema = z.object({
  index: z.number().int().nonnegative(),
  exitReason: ExitReasonSchema,
  score: ScoreSchema,
  /** The check best-of-N ranked the sample by (its feedback text is not kept). */
  verify: VerificationSchema.pick({ passed: true, value: true }).optional(),
  /** The policy's usage only; the judge's is in `judgeUsage`. */
  usage: UsageSchema,
  /** Usage of the LLM judge calls that rated this sample, when a judge ranked it. */
  judgeUsage: UsageSchema.optional(),
  steps: z.number().int().nonnegative(),
  invalidActions: z.number().int().nonnegative(),
  revisions: z.number().int().nonnegative().default(0),
  wallMs: z.number().nonnegative(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** Generations that did not end the usual way, and what budget forcing did. */
  generation: z
    .object({
      /** A stream cut after tokens arrived (`idle_timeout`, `wall_timeout`, `disconnected`): kept, billed, not re-sent. */
      cut: z.string().optional(),
      /** The sample ended inside its thinking (a budget hit during reasoning): it has no answer. */
      noAnswer: z.boolean().optional(),
      /** Budget forcing: thinking stopped at the budget and the answer forced; "Wait"s appended. */
      forcedStops: z.number().int().nonnegative().optional(),
      waits: z.number().int().nonnegative().optional(),
    })
    .optional(),
});

/** See {@link SampleRecordSchema}. */
export type SampleRecord = z.infer<typeof SampleRecordSchema>;

/**
 * One finished episode: one line of `episodes.jsonl`. It holds everything scoring and reports need;
 * the full message history lives in `trajectories/<id>.json.gz`.
 */
export const EpisodeRecordSchema = z.object({
  format: z.literal(EPISODE_FORMAT_VERSION),
  id: z.string(),
  runId: z.string(),
  env: z.object({ name: z.string(), version: z.string() }),
  taskId: z.string(),
  difficulty: z.number().optional(),
  family: z.string().optional(),
  /** `testDouble`: the answers came from a test double (a scripted stand-in), not a real model. */
  model: z.object({ name: z.string(), testDouble: z.boolean(), baseUrl: z.string().optional() }),
  /** The sweep point or compute label this episode belongs to. */
  point: z.string(),
  compute: StoredComputeSchema,
  epoch: z.number().int().nonnegative(),
  seed: z.number().int(),
  /** `ok`: the episode ran (whatever its score); `error`: infra failed after retries, or bad task data. */
  status: z.enum(['ok', 'error']),
  exitReason: ExitReasonSchema,
  /** The aggregated verdict over the samples. */
  score: ScoreSchema,
  samples: z.array(SampleRecordSchema),
  /** The policy's usage only, summed over the samples; the judge's is in `judgeUsage`. */
  usage: UsageSchema,
  judgeUsage: UsageSchema.optional(),
  costUsd: z.number().nonnegative().nullable(),
  /** Cost per role, each at its own price (null: that role is unpriced); `costUsd` is their total. */
  cost: z.object({ policy: z.number().nonnegative().nullable(), judge: z.number().nonnegative().nullable() }).optional(),
  wallMs: z.number().nonnegative(),
  steps: z.number().int().nonnegative(),
  invalidActions: z.number().int().nonnegative(),
  startedAt: z.string(),
  finishedAt: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  trajectory: z.string().optional(),
});

/** See {@link EpisodeRecordSchema}. */
export type EpisodeRecord = z.infer<typeof EpisodeRecordSchema>;
