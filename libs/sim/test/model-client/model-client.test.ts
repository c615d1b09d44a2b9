import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { CrucibleError } from '@crucible/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimServer } from '../../src/sim-server.js';
import type { SimServer, SimServerOptions } from '../../src/sim-types.js';
import { createModelClient } from '@crucible/model';
import type { ModelClientOptions } from '@crucible/model';
import { createSimClient } from '../../src/sim-client.js';
import type { TaskScript } from '../../src/task-script.js';
import { asked, keyOf, ANSWER_FORMATS } from '../scripted.js';

const HINT: TaskScript = { kind: 'answer', difficulty: 3, answer: '42', wrongAnswers: ['41', '24', '43'], formats: ANSWER_FORMATS };
const servers: Array<{ close(): Promise<void> }> = [];

async function sim(opts: SimServerOptions = {}): Promise<SimServer> {
  const server = await startSimServer(opts);
  servers.push(server);
  server.registerTask(keyOf('t'), HINT);
  return server;
}

function client(server: SimServer, opts: Partial<ModelClientOptions> = {}) {
  return createSimClient({ baseUrl: server.url, retryBaseMs: 5, ...opts });
}

const ask = (content = 'What is six times seven?') => [{ role: 'user' as const, content }];

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('generate against the sim', () => {
  it('returns n choices in one request, counting the prompt once', async () => {
    const server = await sim();
    const c = client(server);
    const one = await c.generate({ messages: ask(), context: asked('t') });
    const four = await c.generate({ messages: ask(), n: 4, context: asked('t') });
    expect(four.choices).toHaveLength(4);
    expect(four.usage.calls).toBe(1);
    expect(four.usage.promptTokens).toBe(one.usage.promptTokens);
    expect(four.usage.completionTokens).toBeGreaterThan(one.usage.completionTokens);
    expect(four.testDouble).toBe(true);
    expect(four.model).toBe('sim');
    expect(four.retries).toBe(0);
    for (const choice of four.choices) {
      expect(choice.message.content).toMatch(/^\[sim\]/);
      expect(choice.finishReason).toBe('stop');
    }
    const stats = server.stats();
    expect(stats.requests).toBe(2);
    expect(stats.completions).toBe(5);
    expect(stats.promptTokens).toBe(2 * one.usage.promptTokens);
    expect(stats.completionTokens).toBe(one.usage.completionTokens + four.usage.completionTokens);
  });

  it('is deterministic for the same request and varies with seed', async () => {
    const server = await sim({ seed: 7 });
    const c = client(server);
    const req = { messages: ask(), n: 8, seed: 1, context: asked('t') };
    const a = await c.generate(req);
    const b = await c.generate(req);
    const other = await c.generate({ ...req, seed: 2 });
    expect(b.choices).toEqual(a.choices);
    expect(b.usage.completionTokens).toBe(a.usage.completionTokens);
    expect(other.choices.map((ch) => ch.message.content)).not.toEqual(a.choices.map((ch) => ch.message.content));
  });

  it('keeps reasoning tokens at 0 unless an effort is requested', async () => {
    const c = client(await sim());
    const plain = await c.generate({ messages: ask(), context: asked('t') });
    const high = await c.generate({ messages: ask(), context: asked('t'), reasoningEffort: 'high' });
    expect(plain.usage.reasoningTokens).toBe(0);
    expect(high.usage.reasoningTokens).toBeGreaterThan(0);
    expect(high.usage.reasoningTokens).toBeLessThan(high.usage.completionTokens);
  });

  it('reports cached tokens when a request extends an earlier one', async () => {
    const c = client(await sim());
    const first = [
      { role: 'system' as const, content: 'You solve problems. '.repeat(20) },
      { role: 'user' as const, content: 'Problem one, with some words.' },
    ];
    const a = await c.generate({ messages: first, context: asked('t') });
    const second = [...first, { role: 'assistant' as const, content: 'The answer is 41.' }, { role: 'user' as const, content: 'Check again.' }];
    const b = await c.generate({ messages: second, context: asked('t') });
    expect(a.usage.cachedTokens).toBe(0);
    expect(b.usage.cachedTokens).toBeGreaterThan(0);
    expect(b.usage.cachedTokens).toBeLessThan(b.usage.promptTokens);
    expect(b.usage.cachedTokens).toBeGreaterThanOrEqual(a.usage.promptTokens - 1);
  });

  it('sends the context as the task header only through the sim client, never in the body', async () => {
    const server = await sim();
    const asSim = await client(server).generate({ messages: ask(), context: asked('t') });
    const asPlain = await createModelClient({ model: 'sim', baseUrl: server.url, retryBaseMs: 5 }).generate({ messages: ask(), context: asked('t') });
    expect(asSim.choices[0]?.message.content).not.toContain('no task script');
    expect(asPlain.choices[0]?.message.content).toBe('[sim] no task script registered for this request');
    expect(asPlain.testDouble).toBe(false);
  });
});

describe('retries', () => {
  it('retries a 500 and succeeds', async () => {
    const server = await sim({ faults: { script: ['500', 'ok'] } });
    const res = await client(server).generate({ messages: ask(), context: asked('t') });
    expect(res.retries).toBe(1);
    expect(res.usage.calls).toBe(1);
    expect(server.stats().faultsInjected['500']).toBe(1);
  });

  it('retries each kind of malformed body and succeeds', async () => {
    const server = await sim({ faults: { script: ['malformed', 'malformed', 'malformed', 'ok'] } });
    const codes: string[] = [];
    const res = await client(server, { onRetry: (i) => codes.push(i.code) }).generate({ messages: ask(), context: asked('t') });
    expect(res.retries).toBe(3);
    expect(codes).toEqual(['malformed_response', 'malformed_response', 'malformed_response']);
  });

  it('honours the Retry-After of a 429', async () => {
    const server = await sim({ faults: { script: ['429', 'ok'], retryAfterMs: 30 } });
    const seen: Array<{ delayMs: number; code: string }> = [];
    const res = await client(server, { retryBaseMs: 60_000, onRetry: (i) => seen.push(i) }).generate({ messages: ask(), context: asked('t') });
    expect(res.retries).toBe(1);
    expect(seen).toEqual([{ attempt: 1, delayMs: 30, code: 'rate_limited' }]);
  });

  it('retries a connection reset', async () => {
    const server = await sim({ faults: { script: ['reset', 'ok'] } });
    const codes: string[] = [];
    const res = await client(server, { onRetry: (i) => codes.push(i.code) }).generate({ messages: ask(), context: asked('t') });
    expect(res.retries).toBe(1);
    expect(codes).toEqual(['connection_error']);
  });

  it('gives up after maxRetries with endpoint_error', async () => {
    const server = await sim({ faults: { rate500: 1 } });
    const err = await rejection(client(server, { maxRetries: 2 }).generate({ messages: ask(), context: asked('t') }));
    expect(err).toBeInstanceOf(CrucibleError);
    expect(err).toMatchObject({ code: 'endpoint_error', family: 'infra', details: { status: 500, attempts: 3 } });
    expect(server.stats().requests).toBe(3);
  });

  it('times out slow attempts and retries them', async () => {
    const server = await sim({ latencyMs: 400 });
    const err = await rejection(client(server, { timeoutMs: 50, maxRetries: 1 }).generate({ messages: ask(), context: asked('t') }));
    expect(err).toMatchObject({ code: 'timeout', details: { attempts: 2 } });
  });

  it('stops waiting when aborted during backoff', async () => {
    const server = await sim({ faults: { script: ['500', 'ok'] } });
    const controller = new AbortController();
    const c = client(server, { retryBaseMs: 60_000, onRetry: () => controller.abort() });
    const err = await rejection(c.generate({ messages: ask(), context: asked('t') }, controller.signal));
    expect((err as Error).name).toBe('AbortError');
    expect(server.stats().requests).toBe(1);
  });

  it('stops waiting when aborted in flight', async () => {
    const server = await sim({ latencyMs: 5_000 });
    const controller = new AbortController();
    const pending = client(server).generate({ messages: ask(), context: asked('t') }, controller.signal);
    setTimeout(() => controller.abort(), 50);
    const err = await rejection(pending);
    expect((err as Error).name).toBe('AbortError');
  });
});

describe('final errors', () => {
  it('flags n above the server limit as nUnsupported, without retrying', async () => {
    const server = await sim({ maxN: 4 });
    const err = await rejection(client(server).generate({ messages: ask(), n: 8, context: asked('t') }));
    expect(err).toMatchObject({ code: 'endpoint_error', retryable: false, details: { nUnsupported: true, status: 400 } });
    expect((err as Error).message).toContain('n must be at most 4');
    expect(server.stats().requests).toBe(1);
  });

  it('maps a context length error to context_overflow', async () => {
    const server = await sim({ contextWindow: 20 });
    const err = await rejection(client(server).generate({ messages: ask('x'.repeat(400)), context: asked('t') }));
    expect(err).toMatchObject({ code: 'context_overflow', family: 'model' });
  });

  it('maps an unknown model to unknown_model with a hint', async () => {
    const server = await sim();
    const err = await rejection(createModelClient({ model: 'gpt-nope', testDouble: true, baseUrl: server.url }).generate({ messages: ask() }));
    expect(err).toMatchObject({ code: 'unknown_model', family: 'user' });
    expect((err as CrucibleError).hint).toContain('gpt-nope');
  });

  it('needs a key for a remote endpoint but not for a local one', () => {
    const saved = process.env['OPENAI_API_KEY'];
    delete process.env['OPENAI_API_KEY'];
    try {
      expect(() => createModelClient({ model: 'gpt-x', baseUrl: 'https://api.example.com/v1' })).toThrow(
        expect.objectContaining({ code: 'missing_api_key', hint: 'set OPENAI_API_KEY or pass --base-url of a local server' }),
      );
      expect(createModelClient({ model: 'llama', baseUrl: 'http://localhost:8000/v1' }).baseUrl).toBe('http://localhost:8000/v1');
    } finally {
      if (saved !== undefined) process.env['OPENAI_API_KEY'] = saved;
    }
  });
});

describe('the API key', () => {
  const KEY = 'sk-test-SECRET123';

  // A server that echoes the key it was sent, as some providers do in 401 messages.
  async function echoingServer(status: number): Promise<{ url: string; auth: string[] }> {
    const auth: string[] = [];
    const http: Server = createServer((req, res) => {
      auth.push(String(req.headers.authorization));
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}. Header was ${req.headers.authorization}`, type: 'invalid_request_error' } }));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise<void>((resolve) => http.close(() => resolve())) });
    return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/v1`, auth };
  }

  function expectNoKey(err: unknown) {
    expect(err).toBeInstanceOf(CrucibleError);
    const e = err as CrucibleError;
    for (const text of [e.message, e.stack ?? '', JSON.stringify(e), inspect(e, { depth: 5 }), e.toLine()]) {
      expect(text).not.toContain('SECRET123');
    }
  }

  it('never appears in errors from a failing endpoint', async () => {
    for (const status of [401, 500]) {
      const server = await echoingServer(status);
      const err = await rejection(createModelClient({ model: 'm', baseUrl: server.url, apiKey: KEY, maxRetries: 1, retryBaseMs: 1 }).generate({ messages: ask() }));
      expect(server.auth[0]).toBe(`Bearer ${KEY}`);
      expect((err as Error).message).toContain('Incorrect API key provided: [redacted]');
      expectNoKey(err);
    }
  });

  it('never appears in connection errors', async () => {
    const probe = await echoingServer(200);
    await servers.pop()?.close();
    const err = await rejection(createModelClient({ model: 'm', baseUrl: probe.url, apiKey: KEY, maxRetries: 0 }).generate({ messages: ask() }));
    expect(err).toMatchObject({ code: 'connection_error' });
    expectNoKey(err);
  });
});

describe('concurrency', () => {
  it('caps in-flight requests per endpoint across clients', async () => {
    const server = await sim({ latencyMs: 100 });
    const a = client(server, { maxConcurrency: 2 });
    const b = client(server, { maxConcurrency: 4 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).generate({ messages: ask(`q${i}`), context: asked('t') })));
    expect(server.stats().requests).toBe(8);
    expect(server.stats().maxInFlight).toBe(2);
  });
});

describe('a server that ignores stream: true', () => {
  it('answers with one JSON body, which is read whole (streaming stays the default)', async () => {
    const bodies: Array<Record<string, unknown>> = [];
    const http: Server = createServer((req, res) => {
      let raw = '';
      req.on('data', (d: Buffer) => (raw += d.toString()));
      req.on('end', () => {
        bodies.push(JSON.parse(raw) as Record<string, unknown>);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({
          id: 'x', object: 'chat.completion', created: 0, model: 'plain',
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: '<think>six sevens</think>The answer is 42.' } }],
          usage: { prompt_tokens: 7, completion_tokens: 9, total_tokens: 16 },
        }));
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise<void>((resolve) => http.close(() => resolve())) });
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/v1`;
    const res = await createModelClient({ model: 'plain', baseUrl: url, maxRetries: 0 }).generate({ messages: ask() });
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!['stream']).toBe(true);
    expect(res.choices[0]!.message.content).toBe('The answer is 42.');
    expect(res.choices[0]!.message.reasoning).toBe('six sevens');
    expect(res.usage).toMatchObject({ promptTokens: 7, completionTokens: 9 });
  });
});
