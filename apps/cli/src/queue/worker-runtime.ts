import { resolve } from 'node:path';
import { CrucibleError, type EnvironmentDefinition } from '@crucible/core';
import { createModelClient, type ModelClient } from '@crucible/model';
import { loadEnvironment, type EpisodeJob, type ExecuteDeps, type ModelSettings } from '@crucible/orchestrator';
import { createSimClient, startSimServer, type SimServer, type SimThinkingMode, type TaskScripts } from '@crucible/sim';
import { loadTaskScripts, scriptedTasks } from '../task-scripts.js';

/** What a worker builds episodes' dependencies from: its own workspace, its own keys, its own sims. */
export interface WorkerRuntimeOptions {
  /** Where installed environments are looked up (the workspace root). */
  root: string;
  /** Where relative paths of the environment config resolve. */
  cwd: string;
  /** code-repo: this worker's folder of repositories, replacing the job's `repos` config. */
  repos?: string;
  /** The in-process sim of this worker (one per run seed). */
  sim?: { thinking?: SimThinkingMode; tokensPerSecond?: number };
}

/** The dependencies of one job, minus the signal. */
export type JobDeps = Omit<ExecuteDeps, 'signal'> & { job: EpisodeJob };

/**
 * Builds what `executeEpisode` needs for jobs of any run: environments loaded once by name (their version checked
 * against the job's), model clients built once per settings with this machine's API key (OPENAI_API_KEY, read by the
 * client), and for `--model sim` without an endpoint a sim server of this worker per run seed, which learns each
 * job's task script from the task and config the job carries.
 */
export class WorkerRuntime {
  private readonly envs = new Map<string, Promise<EnvironmentDefinition>>();
  private readonly clients = new Map<string, ModelClient>();
  private readonly sims = new Map<number, Promise<SimServer>>();
  private readonly registered = new Set<string>();
  private readonly scripts = new Map<string, Promise<TaskScripts | undefined>>();

  constructor(private readonly options: WorkerRuntimeOptions) {}

  /** Everything `executeEpisode` needs for `job` on this machine. */
  async depsFor(job: EpisodeJob): Promise<JobDeps> {
    const env = await this.environment(job.env.name, job.env.version);
    const local = this.withRepos(job);
    const model = await this.client(local.model, local);
    const judge = local.judge ? await this.client(local.judge, local) : undefined;
    if (!local.model.baseUrl && local.model.testDouble) await this.registerTask(local);
    return { job: local, env, model, judge, cwd: this.options.cwd };
  }

  async close(): Promise<void> {
    const sims = await Promise.allSettled(this.sims.values());
    await Promise.all(sims.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)));
  }

  private environment(name: string, version: string): Promise<EnvironmentDefinition> {
    let loaded = this.envs.get(name);
    if (!loaded) {
      loaded = loadEnvironment(name, this.options.root);
      this.envs.set(name, loaded);
      loaded.catch(() => this.envs.delete(name));
    }
    return loaded.then((env) => {
      if (env.version !== version) {
        throw new CrucibleError('run_mismatch', `the run uses environment ${name} ${version}, this worker has ${env.version}`, {
          hint: 'install the same Crucible checkout on the coordinator and the workers',
        });
      }
      return env;
    });
  }

  /**
   * `--repos`: the coordinator's repository folder means nothing here, so this worker's replaces it where code-repo
   * reads it (the config's `repos` and the task's resolved `metadata.reposDir`). Repositories given by URL need nothing.
   */
  private withRepos(job: EpisodeJob): EpisodeJob {
    if (!this.options.repos) return job;
    const repos = resolve(this.options.cwd, this.options.repos);
    const config = job.env.config;
    const hasRepos = (o: unknown, key: string): o is Record<string, unknown> => !!o && typeof o === 'object' && key in o;
    return {
      ...job,
      env: hasRepos(config, 'repos') ? { ...job.env, config: { ...config, repos } } : job.env,
      task: hasRepos(job.task.metadata, 'reposDir') ? { ...job.task, metadata: { ...job.task.metadata, reposDir: repos } } : job.task,
    };
  }

  /** One client per distinct settings; the in-process sim gets this worker's sim for the run's seed. */
  private async client(settings: ModelSettings, job: EpisodeJob): Promise<ModelClient> {
    const own = !settings.baseUrl && settings.testDouble === true;
    const key = JSON.stringify([settings, own ? job.seed : null]);
    let client = this.clients.get(key);
    if (!client) {
      if (settings.testDouble) {
        const { model: _name, testDouble: _double, ...rest } = settings;
        client = createSimClient({ ...rest, baseUrl: own ? (await this.sim(job.seed)).url : settings.baseUrl! });
      } else client = createModelClient(settings);
      this.clients.set(key, client);
    }
    return client;
  }

  private sim(seed: number): Promise<SimServer> {
    let sim = this.sims.get(seed);
    if (!sim) {
      sim = startSimServer({ seed, ...(this.options.sim ?? {}) });
      this.sims.set(seed, sim);
    }
    return sim;
  }

  /** The coordinator registers scripts with its own sim (onTasksLoaded); this worker's sim learns them from the job. */
  private async registerTask(job: EpisodeJob): Promise<void> {
    const id = `${job.seed}\n${job.env.name}\n${job.task.id}`;
    if (this.registered.has(id)) return;
    let scripts = this.scripts.get(job.env.name);
    if (!scripts) {
      scripts = loadTaskScripts(job.env.name, this.options.root);
      this.scripts.set(job.env.name, scripts);
    }
    const loaded = await scripts;
    if (loaded) {
      const sim = await this.sim(job.seed);
      for (const t of scriptedTasks(job.env.name, loaded, [job.task], job.env.config)) sim.registerTask(t.key, t.script);
    }
    this.registered.add(id);
  }
}
