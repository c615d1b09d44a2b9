import type { Redis } from 'ioredis';

/** What a worker says about itself in Redis; coordinators read it to explain why nobody takes their jobs. */
export interface WorkerInfo {
  id: string;
  host: string;
  pid: number;
  workspaceVersion: string;
  concurrency: number;
  startedAt: string;
  /** Epoch ms of the last heartbeat. */
  seenAt: number;
  /** A worker not seen for this long is gone (killed, or cut off from Redis). */
  ttlMs: number;
}

/** Writes the worker's entry now and every `everyMs` until the returned stop function is called (which deletes it). */
export function startHeartbeat(redis: Redis, key: string, info: Omit<WorkerInfo, 'seenAt' | 'ttlMs'>, everyMs: number): () => Promise<void> {
  const beat = () =>
    redis.hset(key, info.id, JSON.stringify({ ...info, seenAt: Date.now(), ttlMs: everyMs * 3 } satisfies WorkerInfo)).catch(() => undefined);
  void beat();
  const timer = setInterval(beat, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await redis.hdel(key, info.id).catch(() => undefined);
  };
}

/** Workers whose heartbeat is fresh; stale entries (SIGKILLed workers) are dropped from the hash on the way. */
export async function liveWorkers(redis: Redis, key: string, now = Date.now()): Promise<WorkerInfo[]> {
  const all = await redis.hgetall(key);
  const live: WorkerInfo[] = [];
  const stale: string[] = [];
  for (const [id, json] of Object.entries(all)) {
    const info = JSON.parse(json) as WorkerInfo;
    if (now - info.seenAt <= info.ttlMs) live.push(info);
    else stale.push(id);
  }
  if (stale.length > 0) await redis.hdel(key, ...stale);
  return live;
}
