import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSimServer } from '../../src/sim-server.js';
import type { SimServer, SimServerOptions } from '../../src/sim-types.js';
import type { ModelClientOptions } from '@crucible/model';
import { createSimClient } from '../../src/sim-client.js';
import type { TaskScript } from '../../src/task-script.js';
import { asked, keyOf, ANSWER_FORMATS } from '../scripted.js';

const HINT: TaskScript = { kind: 'answer', difficulty: 3, answer: '42', wrongAnswers: ['41', '24', '43'], formats: ANSWER_FORMATS };
const servers: SimServer[] = [];

async function sim(opts: SimServerOptions = {}): Promise<SimServer> {
  const server = await startSimServer(opts);
  servers.push(server);
  server.registerTask(keyOf('t'), HINT);
  return server;
}

const client = (server: SimServer, opts: Partial<ModelClientOptions> = {}) => createSimClient({ baseUrl: server.url, retryBaseMs: 5, ...opts });
const ask = [{ role: 'user' as const, content: 'What is six times seven?' }];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('streamed generations', () => {
  it('assemble the same choices and usage as non-streamed ones, n > 1 included', async () => {
    const server = await sim();
    const req = { messages: ask, n: 3, seed: 4, reasoningEffort: 'high' as const, context: asked('t') };
    const streamed = await client(server).generate(req);
    const whole = await client(server, { stream: false }).generate(req);
    expect(streamed.choices).toEqual(whole.choices);
    expect(streamed.usage).toEqual({ ...whole.usage, cachedTokens: streamed.usage.cachedTokens });
    expect(streamed.usageEstimated).toBeUndefined();
    expect(server.stats().streams).toBe(1);
    for (const choice of streamed.choices) {
      expect(choice.message.reasoning).toMatch(/^\[sim\] thinking/);
      expect(choice.message.content).not.toContain('thinking');
    }
  });

  it('carry a 10-minute-equivalent generation (30k tokens at 50 tok/s) compressed into seconds', async () => {
    // 30k tokens is ~10 minutes at 50 tokens/s; the sim plays it at 30k tokens/s with an idle gap every 5k tokens.
    const server = await sim({ thinking: 'field', tokensPerSecond: 30_000, chunkTokens: 64, faults: { idleGapMs: 150, idleGapEveryTokens: 5_000 } });
    const c = client(server, { idleTimeoutMs: 1_000 });
    const response = await c.generate({ messages: ask, thinkingTokens: 30_000, reasoningEffort: 'high', context: asked('t') });
    const choice = response.choices[0]!;
    expect(choice.finishReason).toBe('stop');
    expect(response.usage.reasoningTokens).toBeGreaterThan(20_000);
    expect(choice.message.reasoning!.length).toBe(response.usage.reasoningTokens * 4);
    expect(choice.message.content).toMatch(/#### \d+/);
    expect(response.retries).toBe(0);
    expect(server.stats()).toMatchObject({ requests: 1, streams: 1, cutStreams: 0 });
  });

  it('cut by the idle timeout keep their partial output and billed tokens, and are not re-sent', async () => {
    const server = await sim({ thinking: 'field', tokensPerSecond: 50_000, faults: { script: ['stall'], cutAfter: 0.5 } });
    const response = await client(server, { idleTimeoutMs: 300 }).generate({ messages: ask, thinkingTokens: 8_000, context: asked('t') });
    const choice = response.choices[0]!;
    expect(choice.finishReason).toBe('idle_timeout');
    expect(choice.inThinking).toBe(true);
    expect(choice.message.content).toBeNull();
    expect(choice.message.reasoning!.length).toBeGreaterThan(1_000);
    expect(response.usageEstimated).toBe(true);
    expect(response.usage.reasoningTokens).toBe(Math.ceil(choice.message.reasoning!.length / 4));
    expect(response.usage.promptTokens).toBeGreaterThan(0);
    expect(response.retries).toBe(0);
    // The sim counts a stalled stream once the client has hung up.
    await vi.waitFor(() => expect(server.stats()).toMatchObject({ requests: 1, cutStreams: 1 }));
    expect(response.usage.completionTokens).toBe(server.stats().completionTokens);
  });

  it('cut by the total wall cap say so', async () => {
    const server = await sim({ thinking: 'field', tokensPerSecond: 5_000 });
    const response = await client(server, { timeoutMs: 300 }).generate({ messages: ask, thinkingTokens: 8_000, context: asked('t') });
    expect(response.choices[0]!.finishReason).toBe('wall_timeout');
    expect(response.retries).toBe(0);
    expect(server.stats().requests).toBe(1);
  });

  it('are retried when the stream stalls before its first token', async () => {
    const server = await sim({ faults: { script: ['stall-first'] } });
    const retries: string[] = [];
    const response = await client(server, { idleTimeoutMs: 200, onRetry: (r) => retries.push(r.code) }).generate({ messages: ask, context: asked('t') });
    expect(retries).toEqual(['timeout']);
    expect(response.retries).toBe(1);
    expect(response.choices[0]!.finishReason).toBe('stop');
    await vi.waitFor(() => expect(server.stats()).toMatchObject({ requests: 2, streams: 2, cutStreams: 1 }));
  });

  it('dropped mid-stream keep what arrived, marked disconnected, and are not re-sent', async () => {
    const server = await sim({ thinking: 'think-tags', faults: { script: ['disconnect'], cutAfter: 0.3 } });
    const retries: string[] = [];
    const response = await client(server, { onRetry: (r) => retries.push(r.code) }).generate({ messages: ask, thinkingTokens: 4_000, context: asked('t') });
    const choice = response.choices[0]!;
    expect(choice.finishReason).toBe('disconnected');
    expect(choice.inThinking).toBe(true);
    expect(choice.message.content).toBeNull();
    expect(choice.message.reasoning).toMatch(/^\[sim\] thinking/);
    expect(retries).toEqual([]);
    expect(response.usage.completionTokens).toBeGreaterThan(0);
    await vi.waitFor(() => expect(server.stats()).toMatchObject({ requests: 1, cutStreams: 1 }));
  });

  it("stopped by the caller's signal after tokens arrived return what streamed, marked aborted", async () => {
    const server = await sim({ thinking: 'field', tokensPerSecond: 5_000 });
    const response = await client(server).generate({ messages: ask, thinkingTokens: 8_000, context: asked('t') }, AbortSignal.timeout(300));
    expect(response.choices[0]).toMatchObject({ finishReason: 'aborted', inThinking: true });
    expect(response.usage.completionTokens).toBeGreaterThan(100);
    // before any token, an abort is still an abort
    await expect(client(server).generate({ messages: ask, context: asked('t') }, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('tolerate idle gaps shorter than the idle timeout', async () => {
    const server = await sim({ thinking: 'field', chunkTokens: 8, faults: { idleGapMs: 120, idleGapEveryTokens: 500 } });
    const response = await client(server, { idleTimeoutMs: 400 }).generate({ messages: ask, thinkingTokens: 1_500, context: asked('t') });
    expect(response.choices[0]!.finishReason).toBe('stop');
  });
});

describe('reasoning kept apart', () => {
  it('splits inline think tags out of content and estimates their tokens', async () => {
    const server = await sim({ thinking: 'think-tags' });
    const response = await client(server).generate({ messages: ask, thinkingTokens: 2_000, context: asked('t') });
    const choice = response.choices[0]!;
    expect(choice.message.content).toMatch(/^\[sim\] after \d+ thinking tokens:\n#### \d+$/);
    expect(choice.message.content).not.toContain('<think>');
    expect(choice.message.reasoning).toMatch(/^\[sim\] thinking/);
    expect(response.usage.reasoningTokens).toBe(Math.ceil(choice.message.reasoning!.length / 4));
  });

  it('leaves content alone when think tags are off', async () => {
    const server = await sim({ thinking: 'think-tags' });
    const response = await client(server, { thinkTags: null }).generate({ messages: ask, thinkingTokens: 500, context: asked('t') });
    expect(response.choices[0]!.message.content).toMatch(/^<think>\n\[sim\] thinking/);
    expect(response.choices[0]!.message.reasoning).toBeUndefined();
  });

  it('marks a generation cut by max tokens inside its thinking as having no answer', async () => {
    const server = await sim({ thinking: 'think-tags' });
    const response = await client(server).generate({ messages: ask, thinkingTokens: 20_000, maxTokens: 1_000, context: asked('t') });
    const choice = response.choices[0]!;
    expect(choice).toMatchObject({ finishReason: 'length', inThinking: true, message: { content: null } });
    expect(response.usage).toMatchObject({ completionTokens: 1_000, reasoningTokens: 1_000 });
  });

  it('never sends reasoning back to the server, and continues an assistant prefill', async () => {
    const server = await sim({ thinking: 'think-tags' });
    const c = client(server);
    const first = await c.generate({ messages: ask, thinkingTokens: 1_000, context: asked('t') });
    const history = [...ask, { role: 'assistant' as const, content: first.choices[0]!.message.content, reasoning: first.choices[0]!.message.reasoning }, { role: 'user' as const, content: 'Sure?' }];
    const again = await c.generate({ messages: history, prefill: '<think>\n[sim] short thought.\n</think>\nFinal Answer:', context: asked('t') });
    expect(server.stats().continuations).toBe(1);
    // The prefill closed the thinking: the continuation is the answer only, no new reasoning.
    expect(again.choices[0]!.message.reasoning).toBeUndefined();
    expect(again.choices[0]!.message.content).toMatch(/#### \d+/);
    expect(again.usage.reasoningTokens).toBe(0);
  });
});
