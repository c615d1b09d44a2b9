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
export { ScoreSchema, VerificationSchema } from './score.js';
export type { Score, Verification } from './score.js';
export { ToolCallSchema, AssistantTurnSchema, ChatMessageSchema } from './chat-message.js';
export type { AssistantTurn, ChatMessage } from './chat-message.js';
export { ActionSchema, TransitionSchema } from './transition.js';
export type { Transition } from './transition.js';
export { TRAJECTORY_FORMAT_VERSION, TrajectorySampleSchema, TrajectorySchema, assistantMessageOf, messagesOf } from './trajectory.js';
export type { Trajectory, TrajectorySample } from './trajectory.js';
export type {
  Task,
  StepResult,
  Session,
  TaskContext,
  EpisodeContext,
  PreflightContext,
  EnvironmentDefinition,
} from './environment.js';
export { ComputeSchema, RunBudgetSchema, REASONING_EFFORTS } from './compute.js';
export type { Compute, ComputeInput, RunBudget } from './compute.js';
export { COMPUTE_FIELDS, computeField, computeFromFlat, parseCompute, flattenCompute, StoredComputeSchema } from './compute-flat.js';
export type { ComputeField, FlatComputeKey } from './compute-flat.js';
export { EPISODE_FORMAT_VERSION, SampleRecordSchema, EpisodeRecordSchema } from './episode-record.js';
export { assertEpisodeFormat, episodeFormatProblem } from './episode-format.js';
export type { SampleRecord, EpisodeRecord } from './episode-record.js';
export { isProcessAlive } from './process-alive.js';
export { ModelIdentitySchema, RunManifestSchema, SourcedPriceSchema } from './run-manifest.js';
export type { ModelIdentity, RunManifest } from './run-manifest.js';
export { readJsonl, describeFirstIssue } from './read-jsonl.js';
export type { JsonlEntry, JsonlProblem, ReadJsonlOptions } from './read-jsonl.js';
export { acquireFileLock, withFileLock, isLockHeld } from './file-lock.js';
export type { FileLockOptions, LockHeldError } from './file-lock.js';
