import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSimTasks } from './register-sim-tasks.js';
import { formatSimBanner } from './sim-banner.js';
import { SIM_TASK_HEADER } from './sim-header.js';
import { startSimServer } from './sim-server.js';
import type { SimServer } from './sim-types.js';
import { keyOf, ANSWER_FORMATS, CODE_TOOLS } from '../test/scripted.js';

let server: SimServer;
let root: string;

beforeAll(async () => {
  server = await startSimServer();
  root = server.url.replace(/\/v1$/, '');
});
afterAll(() => server.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${root}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('sim server', () => {
  it('says it is a simulation', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(formatSimBanner(server)).toBe(`sim model (simulated policy, not a real model) listening on ${server.url}`);
  });

  it('serves health, models and stats', async () => {
    expect(await (await fetch(`${root}/health`)).json()).toEqual({ ok: true, model: 'sim', simulated: true });
    const models = (await (await fetch(`${server.url}/models`)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((m) => m.id)).toEqual(['sim']);
    const stats = (await (await fetch(`${root}/sim/stats`)).json()) as Record<string, unknown>;
    expect(stats).toMatchObject({ requests: 0, completions: 0, maxInFlight: 0 });
  });

  it('registers hints out of band and validates them', async () => {
    await registerSimTasks(server.url, [{ key: 'k1', script: { kind: 'answer', difficulty: 1, answer: '5', wrongAnswers: ['6'], formats: ['\\boxed{{answer}}'] } }]);
    const one = await post('/sim/tasks', { key: 'k2', script: { kind: 'code', difficulty: 2, patch: '', tools: CODE_TOOLS } });
    expect(one.status).toBe(200);
    expect(server.stats().tasks).toBe(2);
    const bad = await post('/sim/tasks', { key: 'k3', script: { kind: 'answer', difficulty: 9, answer: '1', wrongAnswers: [], formats: ANSWER_FORMATS } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('invalid task registration');
    expect(() => server.registerTask(keyOf('k4'), { kind: 'answer', difficulty: 0, answer: '1', wrongAnswers: ['2'], formats: ANSWER_FORMATS })).toThrow(
      expect.objectContaining({ code: 'invalid_task' }),
    );
    await expect(registerSimTasks(server.url, [{ key: 'x', script: { kind: 'nope' } as never }])).rejects.toMatchObject({ code: 'endpoint_error' });

    const res = await post('/v1/chat/completions', { model: 'sim', messages: [{ role: 'user', content: 'q' }] }, { [SIM_TASK_HEADER]: 'k1' });
    const body = (await res.json()) as Record<string, any>;
    expect(body).toMatchObject({ object: 'chat.completion', model: 'sim', system_fingerprint: 'crucible-sim' });
    expect(body['id']).toMatch(/^chatcmpl-sim-/);
    expect(body['choices'][0].message.content).toMatch(/^\[sim\][\s\S]*\n\\boxed\{(5|6)\}$/);
  });

  it('streams SSE chunks ending in a usage chunk and [DONE]', async () => {
    const stream = await post('/v1/chat/completions', { model: 'sim', stream: true, n: 2, messages: [{ role: 'user', content: 'q' }] });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const events = (await stream.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.replace(/^data: /, '')) as { choices: Array<{ index: number; finish_reason: string | null }>; usage?: { completion_tokens: number } });
    expect(chunks.at(-1)!.usage!.completion_tokens).toBeGreaterThan(0);
    expect(new Set(chunks.flatMap((c) => c.choices.filter((ch) => ch.finish_reason).map((ch) => ch.index)))).toEqual(new Set([0, 1]));
  });

  it('refuses bad bodies', async () => {
    expect((await post('/v1/chat/completions', { model: 'sim', messages: [] })).status).toBe(400);
    expect((await fetch(`${server.url}/chat/completions`, { method: 'POST', body: '{nope' })).status).toBe(400);
    expect((await post('/v1/responses', { model: 'sim' })).status).toBe(400);
    expect((await fetch(`${root}/elsewhere`)).status).toBe(404);
  });

  it('reports a busy port as a user error', async () => {
    await expect(startSimServer({ port: server.port })).rejects.toMatchObject({ code: 'invalid_flag', hint: 'pass another --port, or --port 0 for a free one' });
  });

  it('resets its counters', async () => {
    await post('/v1/chat/completions', { model: 'sim', n: 3, messages: [{ role: 'user', content: 'q' }] });
    expect(server.stats().completions).toBeGreaterThan(0);
    const reset = (await (await post('/sim/stats/reset', {})).json()) as Record<string, unknown>;
    expect(reset).toMatchObject({ requests: 0, completions: 0, promptTokens: 0, completionTokens: 0, faultsInjected: {} });
    expect(reset['tasks']).toBe(server.stats().tasks);
  });
});
