import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createModelClient } from '@crucible/model';
import { afterEach, describe, expect, it } from 'vitest';
import { checkEndpoints } from './check-endpoints.js';

const open: Array<{ server: Server; held: ServerResponse[] }> = [];
afterEach(async () => {
  for (const { server, held } of open.splice(0)) {
    for (const res of held) res.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** A real server that takes every request and never answers (a cold start, a reasoning model busy thinking). */
async function silentServer(): Promise<string> {
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    req.resume();
    held.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({ server, held });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

describe('the endpoint check', () => {
  it('at the start, a server that is slow to answer is warned about, not refused', async () => {
    const client = createModelClient({ model: 'slow', baseUrl: await silentServer(), apiKey: 'k' });
    const warnings: string[] = [];
    await checkEndpoints([client], 200, { warnSlow: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/timed out/);
  });

  it("the circuit breaker's check counts a silent server as down", async () => {
    const client = createModelClient({ model: 'slow', baseUrl: await silentServer(), apiKey: 'k' });
    await expect(checkEndpoints([client], 200, { completion: true })).rejects.toMatchObject({ code: 'timeout' });
  });

  it('a refused connection is refused at the start, warning or not', async () => {
    const url = await silentServer();
    const { server } = open.pop()!;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const client = createModelClient({ model: 'gone', baseUrl: url, apiKey: 'k' });
    await expect(checkEndpoints([client], 200, { warnSlow: () => undefined })).rejects.toMatchObject({ code: 'connection_error' });
  });
});
