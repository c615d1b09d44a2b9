export { CrucibleError, errorFamily, isCrucibleError } from './errors.js';
export type { ErrorCode, ErrorFamily, CrucibleErrorOptions } from './errors.js';
export { canonicalJson } from './canonical-json.js';
export { hashOf, stableId, newRunId } from './ids.js';
export { Rng } from './rng.js';
export { toFunctionTools, parseAction } from './tools.js';
export type { ToolSpec, ToolSet, Action, FunctionToolDefinition, ParsedAction } from './tools.js';
export { EXIT_REASONS, ExitReasonSchema } from './exit-reason.js';
export type { ExitReason } from './exit-reason.js';
export { UsageSchema, emptyUsage, addUsage, totalTokens, PriceSchema, costOf } from './usage.js';
export type { Usage, Price } from './usage.js';
export { defineEnvironment, isEnvironmentDefinition } from './environment.js';
export type {
  Task,
  StepResult,
  Score,
  Verification,
  Session,
  TaskContext,
  EpisodeContext,
  PreflightContext,
  EnvironmentDefinition,
} from './environment.js';
export { ComputeSchema, RunBudgetSchema, REASONING_EFFORTS } from './compute.js';
export type { Compute, ComputeInput, RunBudget } from './compute.js';
export { EPISODE_FORMAT_VERSION, ScoreSchema, SampleRecordSchema, EpisodeRecordSchema } from './episode-record.js';
export { assertEpisodeFormat } from './episode-format.js';
export type { SampleRecord, EpisodeRecord } from './episode-record.js';
export { isProcessAlive } from './process-alive.js';
