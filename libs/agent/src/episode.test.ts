import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCompute, messagesOf, type EnvironmentDefinition, type Task } from '@crucible/core';
import { createModelClient, startSimServer, type ModelClient, type SimServer, type SimServerOptions } from '@crucible/model';
import { runEpisode } from './episode.js';
import { FakeModel, toolCalls } from './testing/fake-model.js';
import { addTask, answerEnv, fileEnv, type AnswerTask } from './testing/tiny-envs.js';

const servers: SimServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function sim(opts: SimServerOptions = {}) {
  const server = await startSimServer({ seed: 1, ...opts });
  servers.push(server);
  return { server, client: createModelClient({ model: 'sim', baseUrl: server.url, sim: true, retryBaseMs: 5 }) };
}

function answerTask(id: string, difficulty: number): AnswerTask {
  return { id, prompt: `What is the answer to ${id}?`, difficulty, reference: '42', wrong: ['41', '24', '420'] };
}

async function episode(env: EnvironmentDefinition, task: Task, compute: Record<string, unknown>, setup: Awaited<ReturnType<typeof sim>>, extra: { seed?: number; signal?: AbortSignal } = {}) {
  const hint = env.simHint!(task, {});
  setup.server.registerTask(`${env.name}:${task.id}`, hint!);
  return runEpisode({
    env,
    envConfig: {},
    task,
    model: setup.client,
    compute: parseCompute(compute),
    episodeId: `ep-${task.id}`,
    seed: extra.seed ?? 0,
    signal: extra.signal ?? new AbortController().signal,
    simTaskKey: `${env.name}:${task.id}`,
  });
}

/** An episode against a scripted model: no sim, the test says what the model answers. */
function scripted(env: EnvironmentDefinition, task: Task, compute: Record<string, unknown>, model: ModelClient, extra: { judge?: ModelClient; sampleConcurrency?: number } = {}) {
  return runEpisode({ env, envConfig: {}, task, model, compute: parseCompute(compute), episodeId: `ep-${task.id}`, seed: 0, signal: new AbortController().signal, ...extra });
}

const WRONG_EDIT = toolCalls(['edit', { path: 'add.js', old: 'a - b', new: 'a * b' }]);
const RIGHT_EDIT = toolCalls(['edit', { path: 'add.js', old: 'a - b', new: 'a + b' }]);
const RIGHT_AFTER_WRONG = toolCalls(['edit', { path: 'add.js', old: 'a * b', new: 'a + b' }]);
const SUBMIT = toolCalls(['submit', {}]);

describe('single-turn sampling', () => {
  let setup: Awaited<ReturnType<typeof sim>>;
  beforeAll(async () => {
    setup = await sim();
  });

  it('sends N samples as one request with n=N and counts the prompt once', async () => {
    setup.server.resetStats();
    const result = await episode(answerEnv, answerTask('batched', 3), { samples: 8, aggregate: 'vote' }, setup);
    expect(result.samples).toHaveLength(8);
    const stats = setup.server.stats();
    expect(stats.requests).toBe(1);
    expect(stats.completions).toBe(8);
    expect(result.usage.calls).toBe(1);
    expect(result.usage.promptTokens).toBe(stats.promptTokens);

    setup.server.resetStats();
    const unbatched = await episode(answerEnv, answerTask('batched', 3), { samples: 8, aggregate: 'vote', batch: false }, setup);
    expect(setup.server.stats().requests).toBe(8);
    expect(unbatched.usage.calls).toBe(8);
    // one prefill instead of eight shows in the prompt tokens
    expect(unbatched.usage.promptTokens).toBe(8 * result.usage.promptTokens);
  });

  it('splits N into chunks of maxN', async () => {
    setup.server.resetStats();
    const result = await episode(answerEnv, answerTask('chunks', 2), { samples: 5, maxN: 2 }, setup);
    expect(result.samples.map((s) => s.index)).toEqual([0, 1, 2, 3, 4]);
    expect(setup.server.stats().requests).toBe(3);
    expect(setup.server.stats().completions).toBe(5);
  });

  it('falls back to parallel requests when the endpoint refuses n', async () => {
    const capped = await sim({ maxN: 1 });
    const result = await episode(answerEnv, answerTask('refused', 2), { samples: 4 }, capped);
    expect(result.samples).toHaveLength(4);
    expect(result.samples.every((s) => s.exitReason === 'submitted')).toBe(true);
  });

  it('votes by normalised answer and records the vote count', async () => {
    const result = await episode(answerEnv, answerTask('vote', 1), { samples: 9, aggregate: 'vote' }, setup);
    const counts = new Map<string, number>();
    for (const s of result.samples) if (s.score.answer) counts.set(s.score.answer, (counts.get(s.score.answer) ?? 0) + 1);
    const top = Math.max(...counts.values());
    expect(result.score.details['votes']).toBe(top);
    expect(counts.get(result.score.answer!)).toBe(top);
  });

  it('first takes sample 0 whatever the others say', async () => {
    const result = await episode(answerEnv, answerTask('first', 4), { samples: 6, aggregate: 'first' }, setup);
    expect(result.chosen).toBe(0);
    expect(result.score.answer).toBe(result.samples[0]!.score.answer);
  });

  it('adaptive voting stops early on an easy task and never on an undecided pool', async () => {
    setup.server.resetStats();
    const easy = await episode(answerEnv, answerTask('easy', 1), { samples: 32, reasoningEffort: 'high', adaptive: { confidence: 0.95, minSamples: 3 } }, setup);
    expect(easy.stoppedEarly).toBeDefined();
    expect(easy.samples.length).toBeLessThan(32);
    expect(easy.samples.length).toBeGreaterThanOrEqual(3);
    expect(setup.server.stats().completions).toBe(easy.samples.length);
    const full = await episode(answerEnv, answerTask('easy', 1), { samples: 32, reasoningEffort: 'high' }, setup);
    expect(full.samples).toHaveLength(32);
  });

  it('a malformed body and a 500 are retried and the episode completes', async () => {
    const flaky = await sim({ faults: { script: ['malformed', '500', 'ok'] } });
    const result = await episode(answerEnv, answerTask('flaky', 1), { samples: 1 }, flaky);
    expect(result.exitReason).toBe('submitted');
    expect(result.samples[0]!.error).toBeUndefined();
    expect(flaky.server.stats().faultsInjected).toMatchObject({ malformed: 1, '500': 1 });
  });

  it('an endpoint that keeps failing ends the sample with model_error, not a crash', async () => {
    const broken = await sim({ faults: { rate500: 1 } });
    broken.client = createModelClient({ model: 'sim', baseUrl: broken.server.url, sim: true, maxRetries: 1, retryBaseMs: 1 });
    const result = await episode(answerEnv, answerTask('broken', 1), { samples: 1 }, broken);
    expect(result.exitReason).toBe('model_error');
    expect(result.samples[0]!.error?.code).toBe('endpoint_error');
  });
});

describe('multi-turn loop', () => {
  let setup: Awaited<ReturnType<typeof sim>>;
  beforeAll(async () => {
    setup = await sim();
  });

  it('drives the tools to a fix and submits', async () => {
    const result = await episode(fileEnv, addTask('fix', 1), { samples: 1 }, setup, { seed: 2 });
    expect(result.exitReason).toBe('submitted');
    expect(result.steps).toBeGreaterThanOrEqual(4);
    const tools = messagesOf(result.trajectories[0]!).flatMap((m) => ('tool_calls' in m && m.tool_calls ? m.tool_calls.map((c) => ('function' in c ? c.function.name : '')) : []));
    expect(tools[0]).toBe('list_dir');
    expect(tools.at(-1)).toBe('submit');
    // multi-turn histories are append-only, so the sim's prefix cache hits from the second call on
    expect(result.usage.cachedTokens).toBeGreaterThan(0);
  });

  it('stops at max_steps and still scores what was done', async () => {
    const result = await episode(fileEnv, addTask('steps', 1), { maxSteps: 2 }, setup);
    expect(result.exitReason).toBe('max_steps');
    expect(result.steps).toBe(2);
    expect(result.score.passed).toBe(false);
  });

  it('stops at the token budget', async () => {
    const result = await episode(fileEnv, addTask('tokens', 1), { maxEpisodeTokens: 50 }, setup);
    expect(result.exitReason).toBe('token_budget');
    expect(result.usage.calls).toBe(1);
  });

  it('stops at the time limit', async () => {
    const slow = await sim({ latencyMs: 300 });
    const result = await episode(fileEnv, addTask('time', 1), { maxEpisodeSeconds: 0.5 }, slow);
    expect(result.exitReason).toBe('time_limit');
  });

  it('per-sample limits stop each trajectory on its own tokens and time', async () => {
    const tokens = await episode(fileEnv, addTask('sample-tokens', 1), { samples: 3, maxSampleTokens: 50 }, setup);
    expect(tokens.samples.map((s) => [s.exitReason, s.usage.calls])).toEqual([['token_budget', 1], ['token_budget', 1], ['token_budget', 1]]);
    const slow = await sim({ latencyMs: 300 });
    const time = await episode(fileEnv, addTask('sample-time', 1), { samples: 2, maxSampleSeconds: 0.5 }, slow);
    expect(time.samples.map((s) => s.exitReason)).toEqual(['time_limit', 'time_limit']);
    for (const s of time.samples) expect(s.wallMs).toBeLessThan(2_000);
  });

  it('three invalid tool calls in a row end the episode with format_errors', async () => {
    const bad = await sim({ faults: { invalidToolArgsRate: 1 } });
    const result = await episode(fileEnv, addTask('format', 1), {}, bad);
    expect(result.exitReason).toBe('format_errors');
    expect(result.invalidActions).toBeGreaterThanOrEqual(3);
    const toolReplies = messagesOf(result.trajectories[0]!).filter((m) => m.role === 'tool');
    expect(String(toolReplies[0]!.content)).toMatch(/^Error: (Invalid arguments|Arguments)/);
  });

  it('an environment failure ends the sample with env_error', async () => {
    const result = await episode(fileEnv, addTask('envfail', 1, { failOn: 'read_file' }), {}, setup);
    expect(result.exitReason).toBe('env_error');
    expect(result.samples[0]!.error?.message).toMatch(/simulated environment failure/);
  });

  it('a context overflow ends the sample with context_overflow', async () => {
    const small = await sim({ contextWindow: 5 });
    const result = await episode(fileEnv, addTask('ctx', 1), {}, small);
    expect(result.exitReason).toBe('context_overflow');
  });

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

  it('cancellation ends the episode with cancelled', async () => {
    const slow = await sim({ latencyMs: 200 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await episode(fileEnv, addTask('cancel', 1), {}, slow, { signal: controller.signal });
    expect(result.exitReason).toBe('cancelled');
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

describe('an LLM judge over HTTP (the sim)', () => {
  it('rates each sample through the real client, its calls and tokens counted apart from the policy', async () => {
    const setup = await sim();
    const judge = createModelClient({ model: 'sim', baseUrl: setup.server.url, sim: true });
    setup.server.resetStats();
    const task = answerTask('judge-http', 4);
    setup.server.registerTask(`${answerEnv.name}:${task.id}`, answerEnv.simHint!(task, {})!);
    const result = await runEpisode({ env: answerEnv, envConfig: {}, task, model: setup.client, judge, compute: parseCompute({ samples: 4, aggregate: 'best' }), episodeId: 'ep-judge-http', seed: 0, signal: new AbortController().signal, simTaskKey: `${answerEnv.name}:${task.id}` });
    expect(setup.server.stats().requests).toBe(1 + 4); // one batched draw, four verdicts
    expect(result.usage.calls).toBe(1);
    expect(result.judgeUsage?.calls).toBe(4);
    expect(result.samples.every((s) => s.verify !== undefined && s.judgeUsage !== undefined)).toBe(true);
  });
});

describe('failures inside an episode', () => {
  it('a verify() that throws ends revisions with env_error and ranks best-of-N last, never rejecting', async () => {
    const setup = await sim();
    const rev = await episode(fileEnv, addTask('vthrow', 5, { verifyThrows: true }), { revisions: 2 }, setup);
    expect(rev.exitReason).toBe('env_error');
    expect(rev.samples[0]!.error?.message).toMatch(/could not run/);
    const best = await episode(fileEnv, addTask('vthrow-best', 1, { verifyThrows: true }), { samples: 2, aggregate: 'best' }, setup);
    expect(best.samples.every((s) => s.verify?.value === 0)).toBe(true);
  });

  it('when one sample cannot open, the episode fails and its siblings stop calling the model', async () => {
    const slow = await sim({ latencyMs: 200 });
    await expect(episode(fileEnv, addTask('open-fail', 1, { failOpenFor: 1 }), { samples: 4 }, slow)).rejects.toThrow(/cannot open sample 1/);
    const atFailure = slow.server.stats().requests;
    await new Promise((r) => setTimeout(r, 800));
    // siblings were aborted: at most the calls already in flight completed
    expect(slow.server.stats().requests - atFailure).toBeLessThanOrEqual(3);
  });
});
