import { z } from 'zod';
import { RunBudgetSchema } from './compute.js';
import { EPISODE_FORMAT_VERSION } from './episode-record.js';
import { PriceSchema } from './usage.js';

/** Who answered: the model as every record and run.json name it (built once per run by the orchestrator). */
export const ModelIdentitySchema = z.object({ name: z.string(), testDouble: z.boolean(), baseUrl: z.string().optional() });

/** See {@link ModelIdentitySchema}. */
export type ModelIdentity = z.infer<typeof ModelIdentitySchema>;

/** A price with where it came from (a price table, a flag), as run.json records it. */
export const SourcedPriceSchema = PriceSchema.extend({ source: z.string() });

/**
 * `run.json`: what a run is (its identity, which a resume must match by `identityHash`) and how it was started.
 * Written once per attempt by the run's single writer; read by resume, merge, compare and the reports.
 */
export const RunManifestSchema = z.object({
  format: z.literal(EPISODE_FORMAT_VERSION),
  runId: z.string().min(1),
  createdAt: z.string(),
  /** Hash of the run identity (environment, model, judge, points, epochs, seed, task ids). */
  identityHash: z.string().min(1),
  env: z.object({ name: z.string(), version: z.string(), config: z.unknown() }),
  model: ModelIdentitySchema,
  judge: z.object({ name: z.string(), testDouble: z.boolean() }).optional(),
  points: z.array(z.object({ label: z.string(), compute: z.record(z.string(), z.unknown()) })),
  epochs: z.number().int().positive(),
  seed: z.number().int(),
  tasks: z.object({ count: z.number().int().nonnegative(), ids: z.array(z.string()) }),
  limit: z.number().int().nonnegative().optional(),
  concurrency: z.number().int().positive().optional(),
  shard: z.object({ index: z.number().int().positive(), count: z.number().int().positive() }).optional(),
  budget: RunBudgetSchema.optional(),
  price: SourcedPriceSchema.optional(),
  judgePrice: SourcedPriceSchema.optional(),
  /** For sweeps: the samples axis folded into one pool of this many samples. */
  poolOf: z.array(z.number().int().positive()).optional(),
  /** Set when the model is the test double: says so in the file itself. */
  testDouble: z.string().optional(),
  command: z.array(z.string()).optional(),
  host: z.object({ hostname: z.string(), node: z.string(), platform: z.string() }).optional(),
  /** Set by `crucible merge`: the shard directories this run was joined from. */
  mergedFrom: z.array(z.string()).optional(),
});

/** See {@link RunManifestSchema}. */
export type RunManifest = z.infer<typeof RunManifestSchema>;
