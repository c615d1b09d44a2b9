import type { Compute, EnvironmentDefinition, Price, RunBudget, Task } from '@crucible/core';
import type { ModelClient } from '@crucible/model';
import type { BreakerOptions } from './circuit-breaker.js';
import type { EpisodeExecutor, ModelSettings } from './episode-job.js';
import type { ComputePoint } from './plan.js';
import type { Shard } from './shard.js';

/** Everything one evaluation run needs; the CLI builds it from flags and config files. */
export interface RunOptions {
  env: EnvironmentDefinition;
  /** Validated environment config. */
  envConfig: unknown;
  model: ModelClient;
  /** LLM judge for best-of-N on environments without `verify()`. */
  judge?: ModelClient;
  /**
   * Called once after the tasks load, before any episode is scheduled (the CLI registers the test double's
   * per-task scripts here). A rejection fails the run before anything runs.
   */
  onTasksLoaded?: (tasks: Task[], envConfig: unknown) => void | Promise<void>;
  /** Where episodes run; default: a {@link LocalExecutor} in this process with `model` and `judge`. */
  executor?: EpisodeExecutor;
  /**
   * How a worker elsewhere builds the model (and judge) client; default: model name, base URL and `testDouble` of
   * the clients. Never holds the API key: workers read their own.
   */
  modelSettings?: ModelSettings;
  judgeSettings?: ModelSettings;
  points: ComputePoint[];
  epochs: number;
  seed: number;
  /** Number of tasks to take (procedural environments generate this many). */
  limit?: number;
  /** Episodes in flight at once. */
  concurrency: number;
  /** Named concurrency limits for resources environments declare (for example `sandbox`). */
  resourceLimits?: Record<string, number>;
  runDir: string;
  runId: string;
  shard?: Shard;
  budget?: RunBudget;
  /** Price of the policy model's tokens. */
  price?: Price & { source: string };
  /** Price of the judge's tokens (judge usage is priced apart from the policy's). */
  judgePrice?: Price & { source: string };
  unsafeNoSandbox?: boolean;
  cwd: string;
  signal?: AbortSignal;
  /** The command line, recorded in run.json (never with secrets: the key is not a flag). */
  command?: string[];
  /** Whether to write trajectory files (default true). */
  trajectories?: boolean;
  /** For sweeps: the samples axis was folded into one pool of this many samples; k-curves stand for the smaller values. */
  poolOf?: number[];
  onProgress?: (event: ProgressEvent) => void;
  /** Stop the run when the endpoint dies mid-run (see `CircuitBreaker`); off when absent. */
  breaker?: BreakerOptions;
}

/** Progress as episodes finish. */
export interface ProgressEvent {
  done: number;
  total: number;
  skipped: number;
  record?: { id: string; taskId: string; point: string; passed: boolean; exitReason: string; status: string };
}

/** Resolved compute per point, as stored in run.json. */
export type PointsRecord = Array<{ label: string; compute: Compute }>;
