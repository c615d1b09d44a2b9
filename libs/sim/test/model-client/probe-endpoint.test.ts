import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimServer } from '../../src/sim-server.js';
import { probeEndpoint } from '@crucible/model';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

/** A real HTTP server answering each route as told; counts requests per route. */
async function server(routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void>) {
  const hits: Record<string, number> = {};
  const srv = createServer((req, res) => {
    const key = `${req.method} ${(req.url ?? '').split('?')[0]}`;
    hits[key] = (hits[key] ?? 0) + 1;
    req.resume();
    req.on('end', () => (routes[key] ?? ((_q, r) => json(r, 404, { error: { message: 'no such route' } })))(req, res));
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => srv.close(() => resolve())));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/v1`, hits };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const completion = (_req: IncomingMessage, res: ServerResponse) =>
  json(res, 200, { id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, finish_reason: 'length', message: { role: 'assistant', content: 'p' } }] });

describe('probeEndpoint', () => {
  it('passes on the sim through GET /models', async () => {
    const sim = await startSimServer();
    closers.push(() => sim.close());
    await expect(probeEndpoint({ model: 'sim', baseUrl: sim.url, testDouble: true })).resolves.toMatchObject({ via: 'models', baseUrl: sim.url });
  });

  it('with `completion`, skips /models: a hung completion fails the check even though models are listed', async () => {
    const sim = await startSimServer({ latencyMs: 3000 });
    closers.push(() => sim.close());
    await expect(probeEndpoint({ model: 'sim', baseUrl: sim.url, testDouble: true, timeoutMs: 200 })).resolves.toMatchObject({ via: 'models' });
    const err = await probeEndpoint({ model: 'sim', baseUrl: sim.url, testDouble: true, timeoutMs: 200, completion: true }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'timeout', hint: expect.stringContaining('--request-timeout') });
  });

  it('falls back to a 1-token completion when /models is not served', async () => {
    const s = await server({ 'POST /v1/chat/completions': completion });
    await expect(probeEndpoint({ model: 'm', baseUrl: s.url })).resolves.toMatchObject({ via: 'completion' });
    expect(s.hits).toEqual({ 'GET /v1/models': 1, 'POST /v1/chat/completions': 1 });
  });

  it('fails at once on a port nobody listens on, naming the URL and the cause', async () => {
    const s = await server({});
    closers.splice(0).forEach((c) => void c()); // closed: the port is now refused
    await new Promise((r) => setTimeout(r, 50));
    const err = await probeEndpoint({ model: 'm', baseUrl: s.url }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'connection_error', details: { probe: true } });
    expect((err as Error).message).toContain(s.url);
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('names an unknown model (404 on the model)', async () => {
    const s = await server({
      'GET /v1/models': (_q, r) => json(r, 200, { object: 'list', data: [{ id: 'other', object: 'model' }] }),
      'POST /v1/chat/completions': (_q, r) => json(r, 404, { error: { message: 'The model `nope` does not exist', code: 'model_not_found' } }),
    });
    const err = await probeEndpoint({ model: 'nope', baseUrl: s.url }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unknown_model', family: 'user' });
    expect((err as Error).message).toMatch(/does not exist/);
  });

  it('a refused key fails with a hint about OPENAI_API_KEY and never prints the key', async () => {
    const key = 'sk-test-secret-0123456789abcdef';
    const s = await server({ 'GET /v1/models': (_q, r) => json(r, 401, { error: { message: `Incorrect API key provided: ${key}` } }) });
    const err = (await probeEndpoint({ model: 'm', baseUrl: s.url, apiKey: key }).catch((e: unknown) => e)) as { message: string; hint: string; details: unknown };
    expect(err).toMatchObject({ code: 'endpoint_error', details: { status: 401 } });
    expect(err.hint).toContain('OPENAI_API_KEY');
    expect(JSON.stringify([err.message, err.hint, err.details])).not.toContain(key);
  });

  it('retries a 5xx twice, then fails; a 429 proves the endpoint alive', async () => {
    const down = await server({ 'POST /v1/chat/completions': (_q, r) => json(r, 503, { error: { message: 'overloaded' } }) });
    await expect(probeEndpoint({ model: 'm', baseUrl: down.url })).rejects.toMatchObject({ code: 'endpoint_error', details: { status: 503 } });
    expect(down.hits['POST /v1/chat/completions']).toBe(3);
    const busy = await server({ 'POST /v1/chat/completions': (_q, r) => json(r, 429, { error: { message: 'slow down' } }) });
    await expect(probeEndpoint({ model: 'm', baseUrl: busy.url })).resolves.toMatchObject({ via: 'completion' });
  });
});
