import { describe, expect, it } from 'vitest';
import { parseCompute, type EnvironmentDefinition, type Task } from '@crucible/core';
import { runEpisode } from './episode.js';
import { FakeModel, toolCalls, type FakeModelOptions, type FakeScript } from './testing/fake-model.js';
import { addTask, answerEnv, fileEnv, type AnswerTask } from './testing/tiny-envs.js';

function episode(env: EnvironmentDefinition, task: Task, compute: Record<string, unknown>, script: FakeScript, opts: FakeModelOptions = {}) {
  const model = new FakeModel(script, opts);
  const run = runEpisode({ env, envConfig: {}, task, model, compute: parseCompute(compute), episodeId: `ep-${task.id}`, seed: 0, signal: new AbortController().signal, sampleConcurrency: 1 });
  return run.then((result) => ({ result, model }));
}

/** A model that explores for ever: only a budget ends its samples. Every call reports 100 tokens. */
const explore: FakeScript = () => ({ choices: [toolCalls(['list_dir', {}])], usage: { promptTokens: 90, completionTokens: 10 } });

describe('episode budgets hold across all samples of the episode', () => {
  it('the token budget is shared: once spent by one sample, the next gets no call', async () => {
    const { result, model } = await episode(fileEnv, addTask('tokens'), { samples: 2, maxEpisodeTokens: 250 }, explore);
    expect(result.samples.map((s) => s.exitReason)).toEqual(['token_budget', 'token_budget']);
    // 100, 200, 300 tokens: the third call crossed the budget; the second sample starts over it
    expect(result.samples.map((s) => s.usage.calls)).toEqual([3, 0]);
    expect(model.requests).toHaveLength(3);
  });

  it('the wall clock is the episode\'s: a later sample does not get a fresh one', async () => {
    const { result } = await episode(fileEnv, addTask('clock'), { samples: 2, maxEpisodeSeconds: 0.5 }, explore, { delayMs: 150 });
    expect(result.samples.map((s) => s.exitReason)).toEqual(['time_limit', 'time_limit']);
    expect(result.samples[1]!.usage.calls).toBe(0);
  });

  it('the step limit stays per sample', async () => {
    const { result } = await episode(fileEnv, addTask('steps'), { samples: 2, maxSteps: 2 }, explore);
    expect(result.samples.map((s) => [s.exitReason, s.steps])).toEqual([['max_steps', 2], ['max_steps', 2]]);
  });
});

describe('the batched first turn counts against the episode clock', () => {
  const task: AnswerTask = { id: 'batched', prompt: 'What is 6 * 7?', reference: '42', wrong: [] };

  it('a second chunk that runs past --max-episode-seconds is cut (each chunk used to get its own clock)', async () => {
    // chunks of two; each request takes 300 ms; the episode has 500 ms: the first chunk fits, the second does not
    const { result, model } = await episode(answerEnv, task, { samples: 4, maxN: 2, maxEpisodeSeconds: 0.5 }, [{ content: '#### 42' }, { content: '#### 42' }], { delayMs: 300 });
    expect(model.requests.map((r) => r.n)).toEqual([2, 2]);
    expect(result.samples.map((s) => s.exitReason)).toEqual(['submitted', 'submitted', 'time_limit', 'time_limit']);
    expect(result.samples[2]!.error?.message).toMatch(/ran past the episode's time limit \(0.5 s per episode\)/);
  });

  it('adaptive rounds after the batched draw spend the same clock', async () => {
    // a split first round (batched, 300 ms) keeps the vote open; the next round's sample has 100 ms left, not 400
    const script: FakeScript = (_req, call) => (call === 0 ? { choices: [{ content: '#### 42' }, { content: '#### 41' }] } : { content: '#### 42' });
    const { result, model } = await episode(answerEnv, task, { samples: 4, adaptive: { confidence: 0.95, minSamples: 2 }, maxEpisodeSeconds: 0.4 }, script, { delayMs: 300 });
    expect(model.requests[0]!.n).toBe(2);
    expect(result.samples.map((s) => s.exitReason)).toEqual(['submitted', 'submitted', 'time_limit', 'time_limit']);
    expect(result.samples[3]!.usage.calls).toBe(0);
  });
});
