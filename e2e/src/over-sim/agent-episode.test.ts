import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesOf, parseCompute, type EnvironmentDefinition, type Task } from '@crucible/core';
import { createSimClient, simTaskKey, startSimServer, type SimServer, type SimServerOptions } from '@crucible/sim';
import { runEpisode } from '@crucible/agent';
import { addTask, answerEnv, fileEnv, scripts, type AnswerTask, type FileTask } from '@crucible/agent/testing';

const servers: SimServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function sim(opts: SimServerOptions = {}) {
  const server = await startSimServer({ seed: 1, ...opts });
  servers.push(server);
  return { server, client: createSimClient({ baseUrl: server.url, retryBaseMs: 5 }) };
}

function answerTask(id: string, difficulty: number): AnswerTask {
  return { id, prompt: `What is the answer to ${id}?`, difficulty, reference: '42', wrong: ['41', '24', '420'] };
}

async function episode(env: EnvironmentDefinition, task: Task, compute: Record<string, unknown>, setup: Awaited<ReturnType<typeof sim>>, extra: { seed?: number; signal?: AbortSignal } = {}) {
  setup.server.registerTask(simTaskKey(env.name, task.id), scripts.scriptFor(task as AnswerTask | FileTask));
  return runEpisode({
    env,
    envConfig: {},
    task,
    model: setup.client,
    compute: parseCompute(compute),
    episodeId: `ep-${task.id}`,
    seed: extra.seed ?? 0,
    signal: extra.signal ?? new AbortController().signal,
  });
}

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
    broken.client = createSimClient({ baseUrl: broken.server.url, maxRetries: 1, retryBaseMs: 1 });
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
    expect(result.samples[0]!.error?.message).toMatch(/injected environment failure/);
  });

  it('a context overflow ends the sample with context_overflow', async () => {
    const small = await sim({ contextWindow: 5 });
    const result = await episode(fileEnv, addTask('ctx', 1), {}, small);
    expect(result.exitReason).toBe('context_overflow');
  });

  it('revisions feed the failed check back and the model tries again', async () => {
    // difficulty 5 makes the first attempt usually wrong; look for seeds where a revision happened
    let revised = 0;
    let fixedByRevision = 0;
    for (let seed = 0; seed < 12; seed++) {
      const result = await episode(fileEnv, addTask(`rev-${seed}`, 5), { revisions: 2 }, setup, { seed });
      const s = result.samples[0]!;
      if (s.revisions > 0) {
        revised++;
        const feedback = messagesOf(result.trajectories[0]!).filter((m) => m.role === 'user' && String(m.content).includes('did not pass the check'));
        expect(feedback).toHaveLength(s.revisions);
        if (s.score.passed) fixedByRevision++;
      }
      expect(s.revisions).toBeLessThanOrEqual(2);
    }
    expect(revised).toBeGreaterThan(0);
    expect(fixedByRevision).toBeGreaterThan(0);
  });

  it('best-of-N picks a sample that passes verify()', async () => {
    const result = await episode(fileEnv, addTask('best', 4), { samples: 6, aggregate: 'best' }, setup, { seed: 5 });
    const anyVerified = result.samples.some((s) => s.verify?.passed);
    expect(result.samples.every((s) => s.verify !== undefined)).toBe(true);
    if (anyVerified) expect(result.samples[result.chosen]!.verify?.passed).toBe(true);
    const firstVerified = result.samples.findIndex((s) => s.verify?.passed);
    expect(result.chosen).toBe(anyVerified ? firstVerified : 0);
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
  it('asks the judge once per sample, counts its tokens, and picks the top-rated sample', async () => {
    const setup = await sim();
    const judge = createSimClient({ baseUrl: setup.server.url });
    let bestPassed = 0;
    let firstPassed = 0;
    for (let i = 0; i < 30; i++) {
      const task = answerTask(`judge-${i}`, 4);
      setup.server.registerTask(simTaskKey(answerEnv.name, task.id), scripts.scriptFor(task));
      const input = {
        env: answerEnv,
        envConfig: {},
        task,
        model: setup.client,
        judge,
        compute: parseCompute({ samples: 8, aggregate: 'best' }),
        episodeId: `ep-${task.id}`,
        seed: 0,
        signal: new AbortController().signal,
      };
      const result = await runEpisode(input);
      expect(result.samples.every((s) => s.verify !== undefined)).toBe(true);
      expect(result.usage.calls).toBe(1 + 8); // one batched draw, eight verdicts
      const top = Math.max(...result.samples.map((s) => s.verify!.value));
      expect(result.samples[result.chosen]!.verify!.value).toBe(top);
      expect(result.chosen).toBe(result.samples.findIndex((s) => s.verify!.value === top));
      if (result.score.passed) bestPassed++;
      if (result.samples[0]!.score.passed) firstPassed++;
    }
    // an informative judge lifts best-of-8 well above a single sample on hard tasks
    expect(bestPassed).toBeGreaterThan(firstPassed);
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
