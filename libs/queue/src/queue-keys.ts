/** Where one Crucible deployment keeps its state in Redis; every run and worker of a deployment shares these names. */
export interface QueueNames {
  /** BullMQ key prefix. */
  prefix: string;
  /** The one queue every run's episodes go on (runs are told apart by the run id in each job id). */
  queue: string;
}

/** Defaults shared by `crucible run --queue` and `crucible worker`. */
export const DEFAULT_QUEUE_NAMES: QueueNames = { prefix: 'crucible', queue: 'episodes' };

/** The BullMQ job id of an episode: unique across runs, stable across coordinator restarts. */
export function jobIdOf(runId: string, episodeId: string): string {
  // BullMQ refuses ':' in custom ids; run and episode ids never hold '%', so the escape cannot collide.
  return `${escape(runId)}.${escape(episodeId)}`;
}

function escape(part: string): string {
  return part.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/\./g, '%2E');
}

/** Redis keys beside the BullMQ queue. */
export function auxKeys(names: QueueNames): { workers: string; cancel: string; endpoint: (url: string) => string } {
  const base = `${names.prefix}:${names.queue}`;
  return {
    /** Hash workerId -> JSON {@link WorkerInfo}, refreshed by each worker's heartbeat. */
    workers: `${base}:workers`,
    /** Pub/sub channel: a coordinator publishes a job id to cancel it on whichever worker runs it. */
    cancel: `${base}:cancel`,
    /** Semaphore key per model endpoint (redis-semaphore prefixes it with `semaphore:`). */
    endpoint: (url: string) => `${base}:endpoint:${url}`,
  };
}
