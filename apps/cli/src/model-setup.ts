import { CrucibleError, type Task } from '@crucible/core';
import { createModelClient, withResponseCache, type ModelClient, type ModelClientOptions, type ResponseCacheOptions } from '@crucible/model';
import { createSimClient, registerSimTasks, startSimServer, type SimServer, type SimServerOptions } from '@crucible/sim';
import { isSimModel } from './sim-model.js';
import { loadTaskScripts, scriptedTasks } from './task-scripts.js';

/** A ready model client and what to close afterwards. */
export interface ModelSetup {
  client: ModelClient;
  /** Set for the sim: registers the run's task scripts with it (the run's tasks-loaded hook). */
  onTasksLoaded?: (tasks: Task[], envConfig: unknown) => Promise<void>;
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
  /** The environment the sim plays: its name, the `--env` it was loaded by (to find its `testing` scripts), the working directory. */
  env?: { name: string; ref: string; cwd: string };
  /** Where a setup problem that does not stop the run is said. */
  warn?: (message: string) => void;
}

/**
 * `--model sim` starts the sim server in-process on a random free port (or uses one at `--base-url`,
 * registering task scripts over its `/sim/tasks` endpoint); any other name is a real OpenAI-compatible endpoint.
 */
export async function setupModel(opts: ModelSetupOptions): Promise<ModelSetup> {
  const setup = await setupRawModel(opts);
  if (!opts.cache || opts.cache.mode === 'off') return setup;
  const cached = withResponseCache(setup.client, opts.cache);
  return { ...setup, client: cached, cacheStats: () => cached.stats() };
}

async function setupRawModel(opts: ModelSetupOptions): Promise<ModelSetup> {
  const extra = opts.client ?? {};
  if (!isSimModel(opts.model)) {
    const client = createModelClient({ ...extra, model: opts.model, baseUrl: opts.baseUrl, maxConcurrency: opts.maxConcurrency });
    return { client, close: async () => undefined };
  }
  const scripts = opts.env ? await loadTaskScripts(opts.env.ref, opts.env.cwd) : undefined;
  const register = (send: (list: ReturnType<typeof scriptedTasks>) => void | Promise<void>) => async (tasks: Task[], envConfig: unknown) => {
    if (!opts.env) return;
    if (!scripts) {
      opts.warn?.(`environment "${opts.env.name}" exports no sim scripts (a \`testing\` subpath with \`scripts\`); the sim answers its tasks with "[sim] no task script registered"`);
      return;
    }
    await send(scriptedTasks(opts.env.name, scripts, tasks, envConfig));
  };
  if (opts.baseUrl) {
    const baseUrl = opts.baseUrl;
    const client = createSimClient({ ...extra, baseUrl, maxConcurrency: opts.maxConcurrency });
    return { client, onTasksLoaded: register((list) => registerSimTasks(baseUrl, list)), close: async () => undefined };
  }
  const sim = await startSimServer({ seed: opts.seed, ...(opts.sim ?? {}) });
  const client = createSimClient({ ...extra, baseUrl: sim.url, maxConcurrency: opts.maxConcurrency });
  return { client, sim, onTasksLoaded: register((list) => list.forEach((t) => sim.registerTask(t.key, t.script))), close: () => sim.close() };
}

/** The judge's client: `sim` shares the run's sim server (it knows the tasks); anything else is a real endpoint. */
export function judgeClient(name: string, baseUrl: string | undefined, setup: ModelSetup, timeoutMs?: number): ModelClient {
  if (isSimModel(name)) {
    const url = setup.sim?.url ?? (setup.client.testDouble ? setup.client.baseUrl : undefined);
    if (!url) throw new CrucibleError('invalid_flag', '--judge sim needs --model sim (the simulated judge only knows the sim tasks)', { hint: 'use a real judge model with a real model' });
    return createSimClient({ baseUrl: url, timeoutMs });
  }
  return createModelClient({ model: name, baseUrl, timeoutMs });
}
