import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { startRedisServer } from './redis-server.js';

describe('startRedisServer', () => {
  it('serves on a loopback port, keeps data across a restart when persisting, and cleans up', async () => {
    const server = await startRedisServer({ persist: true });
    const client = new Redis(server.url, { maxRetriesPerRequest: null, retryStrategy: () => 50 });
    client.on('error', () => undefined);
    try {
      await client.set('k', 'v');
      await server.restart();
      expect(await client.get('k')).toBe('v');
    } finally {
      client.disconnect();
      await server.stop();
    }
    expect(existsSync(server.dir)).toBe(false);
  });

  it('without persistence a restart starts empty', async () => {
    const server = await startRedisServer();
    const client = new Redis(server.url, { maxRetriesPerRequest: null, retryStrategy: () => 50 });
    client.on('error', () => undefined);
    try {
      await client.set('k', 'v');
      await server.restart();
      expect(await client.get('k')).toBeNull();
    } finally {
      client.disconnect();
      await server.stop();
    }
  });
});
