import type { Compute, EnvironmentDefinition, Task } from '@crucible/core';
import type { ModelClient, ModelRequest, RequestContext } from '@crucible/model';

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

/** The context of a request the agent makes for one sample of an episode. */
export function requestContext(input: EpisodeInput, sampleIndex: number, role: RequestContext['role']): RequestContext {
  return { env: input.env.name, taskId: input.task.id, episodeId: input.episodeId, sampleIndex, role };
}
