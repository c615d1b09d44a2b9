import { afterAll, describe, expect, it } from 'vitest';
import { messagesOf, parseCompute } from '@crucible/core';
import { createSimClient, simTaskKey, startSimServer, type SimServer, type SimServerOptions } from '@crucible/sim';
import { runEpisode } from '@crucible/agent';
import { makeAnswerEnv, scripts, type AnswerTask } from '@crucible/agent/testing';

const servers: SimServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function run(compute: Record<string, unknown>, simOpts: SimServerOptions, id = 'q1') {
  const server = await startSimServer({ seed: 3, ...simOpts });
  servers.push(server);
  const seen: string[] = [];
  const env = makeAnswerEnv(seen);
  const task: AnswerTask = { id, prompt: `What is the answer to ${id}?`, difficulty: 3, reference: '42', wrong: ['41', '24'] };
  server.registerTask(simTaskKey(env.name, task.id), scripts.scriptFor(task));
  const result = await runEpisode({
    env,
    envConfig: {},
    task,
    model: createSimClient({ baseUrl: server.url, retryBaseMs: 5 }),
    compute: parseCompute(compute),
    episodeId: `ep-${id}`,
    seed: 0,
    signal: new AbortController().signal,
  });
  return { result, seen, server };
}

describe('reasoning kept apart', () => {
  it('stores reasoning on the assistant message and grades only the answer', async () => {
    const { result, seen } = await run({ samples: 3, thinkingTokens: 2_000 }, { thinking: 'think-tags' });
    expect(seen).toHaveLength(3);
    for (const text of seen) {
      expect(text).not.toContain('<think>');
      expect(text).not.toContain('[sim] thinking');
    }
    for (const t of result.trajectories) {
      const assistant = messagesOf(t).find((m) => m.role === 'assistant') as { content: string; reasoning?: string };
      expect(assistant.reasoning).toMatch(/^\[sim\] thinking/);
      expect(assistant.content).toMatch(/#### \d+/);
    }
    expect(result.usage.reasoningTokens).toBeGreaterThan(3 * 1_000);
  });

  it('says a sample that ends inside its thinking has no answer, and submits nothing', async () => {
    const { result, seen } = await run({ thinkingTokens: 20_000, maxTokens: 600 }, { thinking: 'field' });
    expect(seen).toEqual([]);
    const sample = result.samples[0]!;
    expect(sample.exitReason).toBe('token_budget');
    expect(sample.generation).toEqual({ noAnswer: true });
    expect(sample.score.passed).toBe(false);
    expect(sample.usage).toMatchObject({ completionTokens: 600, reasoningTokens: 600 });
  });

  it('records a stream dropped mid-generation with its partial output, without re-sending it', async () => {
    const { result, seen, server } = await run({ thinkingTokens: 4_000 }, { thinking: 'field', faults: { script: ['disconnect'] } });
    expect(seen).toEqual([]);
    const sample = result.samples[0]!;
    expect(sample.exitReason).toBe('model_error');
    expect(sample.error?.code).toBe('connection_error');
    expect(sample.generation).toEqual({ cut: 'disconnected', noAnswer: true });
    expect(sample.usage.completionTokens).toBeGreaterThan(0);
    expect(server.stats().requests).toBe(1);
    const assistant = messagesOf(result.trajectories[0]!).at(-1) as { role: string; reasoning?: string };
    expect(assistant.role).toBe('assistant');
    expect(assistant.reasoning).toMatch(/^\[sim\] thinking/);
  });
});

describe('time budgets during a long generation', () => {
  it('keep the tokens the stream used when the episode time limit stops it', async () => {
    const { result, seen } = await run({ thinkingTokens: 20_000, maxEpisodeSeconds: 0.4 }, { thinking: 'field', tokensPerSecond: 5_000 });
    const sample = result.samples[0]!;
    expect(seen).toEqual([]);
    expect(sample.exitReason).toBe('time_limit');
    expect(sample.generation).toEqual({ cut: 'aborted', noAnswer: true });
    expect(sample.usage.completionTokens).toBeGreaterThan(100);
    expect(sample.usage.calls).toBe(1);
  });
});

describe('budget forcing', () => {
  it('stop: cuts the thinking at the budget and forces an answer by prefill continuation', async () => {
    const { result, seen, server } = await run({ thinkingTokens: 1_024, budgetForcing: 'stop', reasoningEffort: 'high' }, { thinking: 'think-tags' });
    const sample = result.samples[0]!;
    expect(sample.generation).toEqual({ forcedStops: 1 });
    expect(sample.exitReason).toBe('submitted');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^Final Answer: \[sim\] after 1024 thinking tokens:\n#### \d+$/);
    expect(sample.usage.calls).toBe(2);
    expect(sample.usage.reasoningTokens).toBe(1_024);
    expect(server.stats().continuations).toBe(1);
  });

  it('wait: extends thinking that ended early by appending "Wait"', async () => {
    const { result, server } = await run({ thinkingTokens: 16_000, budgetForcing: 'wait', maxWaits: 2, reasoningEffort: 'minimal' }, { thinking: 'think-tags' });
    const sample = result.samples[0]!;
    expect(sample.generation?.waits).toBe(2);
    expect(sample.exitReason).toBe('submitted');
    expect(server.stats().continuations).toBe(2);
    const reasoning = (messagesOf(result.trajectories[0]!).find((m) => m.role === 'assistant') as { reasoning: string }).reasoning;
    expect(reasoning.split('Wait').length).toBe(3);
    expect(sample.usage.calls).toBe(3);
  });

  it('passes the budget through as the thinking field when forcing is off', async () => {
    const off = await run({ thinkingTokens: 1_024 }, { thinking: 'field' });
    const more = await run({ thinkingTokens: 16_384 }, { thinking: 'field' });
    expect(off.result.usage.reasoningTokens).toBeLessThanOrEqual(1_024);
    expect(more.result.usage.reasoningTokens).toBeGreaterThan(1_024);
    expect(off.result.usage.calls).toBe(1);
  });
});
