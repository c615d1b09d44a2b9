import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { EpisodeJob, ExecutedEpisode } from './episode-executor.js';
import type { QueuedEpisode } from './job-payload.js';

/**
 * Enqueues episodes unless a job of the same id exists; resolves with whether it existed. Episodes submitted in the
 * same tick go to Redis as one pipelined `EXISTS` and one `addBulk` (a round trip per episode would cap throughput at
 * the Redis latency). Only this run's coordinator creates its ids, so nothing can add one between the check and the add.
 */
export function createBatchedSubmit(
  redis: Redis,
  queue: Queue<QueuedEpisode, ExecutedEpisode>,
  payload: (job: EpisodeJob) => QueuedEpisode,
): (id: string, job: EpisodeJob) => Promise<boolean> {
  let batch: Array<{ id: string; job: EpisodeJob; resolve: (existed: boolean) => void; reject: (err: unknown) => void }> = [];
  const flush = async () => {
    const items = batch;
    batch = [];
    try {
      const pipe = redis.pipeline();
      for (const item of items) pipe.exists(queue.toKey(item.id));
      const found = (await pipe.exec()) ?? [];
      const existed = items.map((_, i) => found[i]?.[1] !== 0);
      const fresh = items.filter((_, i) => !existed[i]);
      await queue.addBulk(fresh.map((item) => ({ name: item.job.runId, data: payload(item.job), opts: { jobId: item.id } })));
      items.forEach((item, i) => item.resolve(existed[i]!));
    } catch (err) {
      for (const item of items) item.reject(err);
    }
  };
  return (id, job) =>
    new Promise<boolean>((resolve, reject) => {
      if (batch.length === 0) setImmediate(() => void flush());
      batch.push({ id, job, resolve, reject });
    });
}
