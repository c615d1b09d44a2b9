import { flattenCompute, stableId, type Compute, type EnvironmentDefinition, type Task } from '@crucible/core';

/** One compute setting of a run or a sweep, with the label reports show. */
export interface ComputePoint {
  label: string;
  compute: Compute;
}

/** One episode to run. */
export interface EpisodeSpec {
  id: string;
  task: Task;
  point: ComputePoint;
  epoch: number;
}

/** What defines an episode besides task, point and epoch. */
export interface PlanContext {
  env: EnvironmentDefinition;
  envConfig: unknown;
  model: { name: string; baseUrl?: string };
  seed: number;
}

/**
 * Expands tasks x compute points x epochs into episodes with deterministic ids: the hash of everything
 * that defines an episode, so a rerun of the same plan finds the same ids (resume) and shards agree.
 */
export function* planEpisodes(ctx: PlanContext, tasks: readonly Task[], points: readonly ComputePoint[], epochs: number): Generator<EpisodeSpec> {
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const point of points) {
      for (const task of tasks) {
        const id = stableId('ep', {
          env: ctx.env.name,
          envVersion: ctx.env.version,
          envConfig: ctx.envConfig,
          task: task.id,
          model: ctx.model.name,
          baseUrl: ctx.model.baseUrl,
          // Hashed under the flat names, so ids match those of runs recorded before the groups (resume, baselines).
          compute: flattenCompute(point.compute),
          epoch,
          seed: ctx.seed,
        });
        yield { id, task, point, epoch };
      }
    }
  }
}
