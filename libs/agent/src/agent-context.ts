import type { Compute, EnvironmentDefinition, Task } from '@crucible/core';
import type { ModelClient, ModelRequest } from '@crucible/model';

/** A chat message as the model client takes it. */
export type ChatMessage = ModelRequest['messages'][number];

/** Everything one episode needs; built by the orchestrator. */
export interface EpisodeInput {
  env: EnvironmentDefinition;
  envConfig: unknown;
  task: Task;
  model: ModelClient;
  compute: Compute;
  episodeId: string;
  seed: number;
  signal: AbortSignal;
  unsafeNoSandbox?: boolean;
  cwd?: string;
  /** An LLM judge for best-of-N where the environment has no `verify()`. */
  judge?: ModelClient;
  /** Caps how many samples of one multi-turn episode run at once. */
  sampleConcurrency?: number;
}
