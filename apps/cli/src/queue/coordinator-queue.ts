import { CrucibleError } from '@crucible/core';
import type { ModelClientOptions } from '@crucible/model';
import type { EpisodeExecutor, ModelSettings } from '@crucible/orchestrator';
import { createQueueExecutor, formatCoordinatorEvent, parseRedisUrl, safeRedisUrl } from '@crucible/queue';
import { workspaceVersion } from './workspace-version.js';

/** What `run --queue` adds to the run's options, and what to close when the run ends. */
export interface CoordinatorQueue {
  executor: EpisodeExecutor;
  modelSettings: ModelSettings;
  judgeSettings?: ModelSettings;
  close(): Promise<void>;
}

/** How the coordinator's model (and judge) were set up: what a worker must rebuild, keys left out. */
export interface QueueModelInput {
  /** The client options the run's model was built with (API, streaming, timeouts, thinking field, think tags...). */
  client: Partial<ModelClientOptions>;
  model: string;
  /** The endpoint the coordinator resolved; undefined for the in-process sim (each worker starts its own). */
  baseUrl?: string;
  testDouble: boolean;
  maxConcurrency: number;
  judge?: { model: string; baseUrl?: string; testDouble: boolean; timeoutMs?: number };
}

/** Flags that cannot travel to a worker, refused up front rather than silently dropped. */
export function checkQueueFlags(flags: { cache?: string; simThinking?: string; simTokensPerSecond?: number; baseUrl?: string; model?: string }): void {
  if (flags.cache && flags.cache !== 'off') {
    throw new CrucibleError('invalid_flag', '--cache does not work with --queue: the response cache lives in this process and the workers call the model', {
      hint: 'drop --cache, or run without --queue',
    });
  }
  if (flags.simThinking !== undefined || flags.simTokensPerSecond !== undefined) {
    throw new CrucibleError('invalid_flag', '--sim-thinking and --sim-tokens-per-second shape the in-process sim, which runs on each worker with --queue', {
      hint: 'pass them to `crucible worker` instead, or serve one sim with `crucible sim serve` and give its --base-url',
    });
  }
}

/** Opens the BullMQ executor for a run and builds the settings workers rebuild the model clients from. */
export async function openCoordinatorQueue(url: string, runId: string, input: QueueModelInput): Promise<CoordinatorQueue> {
  parseRedisUrl(url, '--queue');
  // Callbacks cannot travel and the key must not: both stay here.
  const { apiKey: _apiKey, onRetry: _onRetry, requestHeaders: _headers, ...client } = input.client;
  const modelSettings: ModelSettings = {
    ...client,
    model: input.model,
    ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}),
    testDouble: input.testDouble,
    maxConcurrency: input.maxConcurrency,
  };
  const j = input.judge;
  const judgeSettings: ModelSettings | undefined = j
    ? { model: j.model, testDouble: j.testDouble, ...(j.baseUrl !== undefined ? { baseUrl: j.baseUrl } : {}), ...(j.timeoutMs !== undefined ? { timeoutMs: j.timeoutMs } : {}) }
    : undefined;
  const version = await workspaceVersion();
  const executor = await createQueueExecutor({
    redis: url,
    runId,
    workspaceVersion: version,
    onEvent: (event) => process.stderr.write(`${formatCoordinatorEvent(event)}\n`),
  });
  process.stderr.write(`queue: episodes go to workers on ${safeRedisUrl(url)} (workspace ${version})\n`);
  return { executor, modelSettings, judgeSettings, close: () => executor.close() };
}

