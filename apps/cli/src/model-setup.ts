import { CrucibleError } from '@crucible/core';
import {
  createModelClient,
  registerSimTasks,
  startSimServer,
  withResponseCache,
  type ModelClient,
  type ModelClientOptions,
  type ResponseCacheOptions,
  type SimServer,
  type SimServerOptions,
} from '@crucible/model';
import type { SimRegistrar } from '@crucible/orchestrator';

/** A ready model client and what to close afterwards. */
export interface ModelSetup {
  client: ModelClient;
  registrar?: SimRegistrar;
  sim?: SimServer;
  /** Hits and misses of the response cache, when one is on. */
  cacheStats?: () => { hits: number; misses: number };
  close(): Promise<void>;
}

/** What {@link setupModel} needs; `client` and `sim` carry the model flags (streaming, timeouts, API, reasoning, the sim's thinking). */
export interface ModelSetupOptions {
  model: string;
  baseUrl?: string;
  maxConcurrency?: number;
  seed?: number;
  cache?: ResponseCacheOptions;
  client?: Partial<ModelClientOptions>;
  sim?: Pick<SimServerOptions, 'thinking' | 'tokensPerSecond'>;
}

/**
 * `--model sim` starts the sim server in-process on a random free port (or uses one at `--base-url`,
 * registering hints over its `/sim/tasks` endpoint); any other name is a real OpenAI-compatible endpoint.
 */
export async function setupModel(opts: ModelSetupOptions): Promise<ModelSetup> {
  const setup = await setupRawModel(opts);
  if (!opts.cache || opts.cache.mode === 'off') return setup;
  const cached = withResponseCache(setup.client, opts.cache);
  return { ...setup, client: cached, cacheStats: () => cached.stats() };
}

async function setupRawModel(opts: ModelSetupOptions): Promise<ModelSetup> {
  const extra = opts.client ?? {};
  if (opts.model !== 'sim') {
    const client = createModelClient({ ...extra, model: opts.model, baseUrl: opts.baseUrl, maxConcurrency: opts.maxConcurrency });
    return { client, close: async () => undefined };
  }
  if (opts.baseUrl) {
    const client = createModelClient({ ...extra, model: 'sim', baseUrl: opts.baseUrl, sim: true, maxConcurrency: opts.maxConcurrency });
    const registrar: SimRegistrar = (tasks) => registerSimTasks(opts.baseUrl!, tasks);
    return { client, registrar, close: async () => undefined };
  }
  const sim = await startSimServer({ seed: opts.seed, ...(opts.sim ?? {}) });
  const client = createModelClient({ ...extra, model: 'sim', baseUrl: sim.url, sim: true, maxConcurrency: opts.maxConcurrency });
  return { client, sim, registrar: (tasks) => tasks.forEach((t) => sim.registerTask(t.key, t.hint)), close: () => sim.close() };
}

/** The judge's client: `sim` shares the run's sim server (it knows the tasks); anything else is a real endpoint. */
export function judgeClient(name: string, baseUrl: string | undefined, setup: ModelSetup, timeoutMs?: number): ModelClient {
  if (name === 'sim') {
    const url = setup.sim?.url ?? (setup.client.sim ? setup.client.baseUrl : undefined);
    if (!url) throw new CrucibleError('invalid_flag', '--judge sim needs --model sim (the simulated judge only knows the sim tasks)', { hint: 'use a real judge model with a real model' });
    return createModelClient({ model: 'sim', baseUrl: url, sim: true, timeoutMs });
  }
  return createModelClient({ model: name, baseUrl, timeoutMs });
}
