import { describe, expect, it } from 'vitest';
import { messagesOf, parseCompute, type EnvironmentDefinition, type Task } from '@crucible/core';
import type { ModelClient } from '@crucible/model';
import { runEpisode } from './episode.js';
import { FakeModel, toolCalls } from './testing/fake-model.js';
import { addTask, answerEnv, fileEnv, type AnswerTask } from './testing/tiny-envs.js';

// The agent loop against a scripted model: each test states exactly what the model says. Transport-level
// behaviour (batching with n, retries, streams) is covered over the sim's real HTTP in e2e/src/over-sim.

function answerTask(id: string, difficulty: number): AnswerTask {
  return { id, prompt: `What is the answer to ${id}?`, difficulty, reference: '42', wrong: ['41', '24', '420'] };
}

/** An episode against a scripted model: no sim, the test says what the model answers. */
function scripted(env: EnvironmentDefinition, task: Task, compute: Record<string, unknown>, model: ModelClient, extra: { judge?: ModelClient; sampleConcurrency?: number } = {}) {
  return runEpisode({ env, envConfig: {}, task, model, compute: parseCompute(compute), episodeId: `ep-${task.id}`, seed: 0, signal: new AbortController().signal, ...extra });
}

const WRONG_EDIT = toolCalls(['edit', { path: 'add.js', old: 'a - b', new: 'a * b' }]);
const RIGHT_EDIT = toolCalls(['edit', { path: 'add.js', old: 'a - b', new: 'a + b' }]);
const RIGHT_AFTER_WRONG = toolCalls(['edit', { path: 'add.js', old: 'a * b', new: 'a + b' }]);
const SUBMIT = toolCalls(['submit', {}]);

describe('multi-turn loop on a scripted model', () => {
  it('revisions feed the failed check back and the model tries again', async () => {
    // a wrong fix, submitted; the check fails and its feedback comes back; the right fix, submitted
    const model = new FakeModel([WRONG_EDIT, SUBMIT, RIGHT_AFTER_WRONG, SUBMIT]);
    const result = await scripted(fileEnv, addTask('rev'), { revisions: 2 }, model);
    const s = result.samples[0]!;
    expect(s.exitReason).toBe('submitted');
    expect(s.revisions).toBe(1);
    expect(s.score.passed).toBe(true);
    expect(model.requests).toHaveLength(4);
    const feedback = model.requests[2]!.messages.at(-1)!;
    expect(feedback).toMatchObject({ role: 'user' });
    expect(String(feedback.content)).toMatch(/did not pass the check. Feedback:\nthe check still fails/);
    const kinds = result.trajectories[0]!.transitions.map((t) => t.action.kind);
    expect(kinds).toEqual(['tool_call', 'tool_call', 'feedback', 'tool_call', 'tool_call']);
  });

  it('revisions stop at the limit: a check that keeps failing is fed back that many times, then the sample ends', async () => {
    const model = new FakeModel([WRONG_EDIT, SUBMIT, SUBMIT, SUBMIT]);
    const result = await scripted(fileEnv, addTask('rev-limit'), { revisions: 2 }, model);
    const s = result.samples[0]!;
    expect(s.exitReason).toBe('submitted');
    expect(s.revisions).toBe(2);
    expect(s.score.passed).toBe(false);
    expect(messagesOf(result.trajectories[0]!).filter((m) => m.role === 'user' && String(m.content).includes('did not pass the check'))).toHaveLength(2);
  });

  it('best-of-N picks the first sample that passes verify()', async () => {
    // samples run one after another, so the script is in sample order: wrong, right, right
    const model = new FakeModel([WRONG_EDIT, SUBMIT, RIGHT_EDIT, SUBMIT, RIGHT_EDIT, SUBMIT]);
    const result = await scripted(fileEnv, addTask('best'), { samples: 3, aggregate: 'best' }, model, { sampleConcurrency: 1 });
    expect(result.samples.map((s) => s.verify?.passed)).toEqual([false, true, true]);
    expect(result.chosen).toBe(1);
    expect(result.score.passed).toBe(true);
  });
});

describe('best-of-N with an LLM judge (environment without verify)', () => {
  it('asks the judge once per sample, keeps its tokens apart from the policy, and picks the top-rated sample', async () => {
    const policy = new FakeModel([{ choices: [{ content: '#### 41' }, { content: '#### 42' }, { content: '#### 24' }], usage: { promptTokens: 30, completionTokens: 15 } }]);
    const scores: Record<string, number> = { '41': 3, '42': 9, '24': 9 };
    const judge = new FakeModel((req) => {
      const candidate = /<answer>(.*?)<\/answer>/.exec(String(req.messages[1]!.content))![1]!;
      return { choices: [{ content: `Looks plausible.\nSCORE: ${scores[candidate]}` }], usage: { promptTokens: 100, completionTokens: 7 } };
    });
    const result = await scripted(answerEnv, answerTask('judge', 4), { samples: 3, aggregate: 'best' }, policy, { judge });
    expect(judge.requests).toHaveLength(3);
    expect(result.samples.map((s) => s.verify?.value)).toEqual([0.3, 0.9, 0.9]);
    // ties go to the lower index
    expect(result.chosen).toBe(1);
    expect(result.score.answer).toBe('42');
    // the policy's usage is its own: one batched call; the judge's three calls are counted apart
    expect(result.usage).toMatchObject({ calls: 1, promptTokens: 30, completionTokens: 15 });
    expect(result.judgeUsage).toMatchObject({ calls: 3, promptTokens: 300, completionTokens: 21 });
    expect(result.samples.map((s) => s.judgeUsage?.calls)).toEqual([1, 1, 1]);
    // every request says who is asking
    expect(policy.requests[0]!.context).toEqual({ env: 'tiny-answer', taskId: 'judge', episodeId: 'ep-judge', sampleIndex: 0, role: 'policy' });
    expect(judge.requests.map((r) => [r.context?.role, r.context?.sampleIndex]).sort()).toEqual([['judge', 0], ['judge', 1], ['judge', 2]]);
  });
});
