import { Redis } from 'ioredis';
import { CrucibleError } from '@crucible/core';

/** Checks a `redis://` / `rediss://` URL up front, so a typo fails before any episode is planned. */
export function parseRedisUrl(url: string, flag = '--redis'): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CrucibleError('invalid_flag', `${flag} expects a Redis URL such as redis://127.0.0.1:6379, got "${url}"`, {
      hint: 'pass redis://HOST:PORT (or rediss:// for TLS)',
    });
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new CrucibleError('invalid_flag', `${flag} expects a redis:// or rediss:// URL, got "${url}"`, {
      hint: 'pass redis://HOST:PORT',
    });
  }
  return parsed;
}

/** The URL with any password masked, for messages and logs. */
export function safeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}

/**
 * An ioredis client as BullMQ wants it: `maxRetriesPerRequest: null` so commands wait through a Redis restart instead
 * of failing, and a capped reconnect backoff. Errors go to `onError` (ioredis prints them to stderr otherwise).
 */
export function connectRedis(url: string, onError: (err: Error) => void): Redis {
  parseRedisUrl(url);
  const client = new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(50 * times, 1_000),
    lazyConnect: false,
  });
  client.on('error', onError);
  return client;
}

/** Resolves once the client is ready; fails with a clear error if Redis cannot be reached in time. */
export async function waitForRedis(client: Redis, url: string, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return;
  let lastError = '';
  const onError = (err: Error) => (lastError = err.message);
  client.on('error', onError);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new CrucibleError('queue_error', `cannot reach Redis at ${safeRedisUrl(url)} within ${timeoutMs} ms${lastError ? `: ${lastError}` : ''}`, {
          hint: 'start redis-server there, or check the host, port and password in the URL',
          retryable: false,
        }));
      }, timeoutMs);
      client.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  } finally {
    client.off('error', onError);
  }
}

/** Closes a client without waiting for a Redis that may be gone (quit would hang on a dead server). */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status === 'ready') {
    await Promise.race([client.quit().catch(() => undefined), new Promise((r) => setTimeout(r, 1_000).unref())]);
  }
  client.disconnect();
}
