import { describe, expect, it } from 'vitest';
import { parseCompute, TRAJECTORY_FORMAT_VERSION, TrajectorySchema, addUsage, emptyUsage, messagesOf, type EnvironmentDefinition, type Task } from '@crucible/core';
import { runEpisode } from './episode.js';
import { FakeModel, toolCalls, type FakeScript } from './testing/fake-model.js';
import { addTask, answerEnv, fileEnv, type AnswerTask } from './testing/tiny-envs.js';

function episode(env: EnvironmentDefinition, task: Task, compute: Record<string, unknown>, script: FakeScript) {
  const model = new FakeModel(script);
  const run = runEpisode({ env, envConfig: {}, task, model, compute: parseCompute(compute), episodeId: `ep-${task.id}`, seed: 0, signal: new AbortController().signal });
  return run.then((result) => ({ result, model }));
}

describe('a multi-turn trajectory (the code environment\'s tools)', () => {
  // explore, a malformed edit, the fix, then the tests and the submit in one turn
  const script: FakeScript = [
    { content: 'Let me look around.', toolCalls: [{ name: 'list_dir', arguments: {} }], reasoning: 'start with the layout' },
    toolCalls(['read_file', { path: 'add.js' }]),
    { content: null, toolCalls: [{ name: 'edit', arguments: '{"path": "add.js", "old": ' }] },
    toolCalls(['edit', { path: 'add.js', old: 'a - b', new: 'a + b' }]),
    toolCalls(['run', { command: 'check' }], ['submit', { summary: 'fixed add' }]),
  ];

  it('holds one transition per step and rejected action, with rewards, info and every tool observation', async () => {
    const { result } = await episode(fileEnv, addTask('traj'), {}, script);
    expect(result.exitReason).toBe('submitted');
    const sample = result.trajectories[0]!;
    const t = sample.transitions;
    expect(t.map((x) => [x.action.kind, x.action.tool])).toEqual([
      ['tool_call', 'list_dir'],
      ['tool_call', 'read_file'],
      ['invalid', 'edit'],
      ['tool_call', 'edit'],
      ['tool_call', 'run'],
      ['tool_call', 'submit'],
    ]);
    expect(t.map((x) => x.observation)).toEqual([
      'add.js',
      'export function add(a, b) {\n  return a - b;\n}\n',
      expect.stringMatching(/^Error: /),
      'edited',
      'all checks pass',
      'submitted',
    ]);
    // the environment's own step results, as it returned them: a sparse reward on the submit that fixed the bug
    expect(t.map((x) => x.reward)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(t.map((x) => x.terminated)).toEqual([false, false, false, false, false, true]);
    expect(t.filter((x) => x.action.kind === 'tool_call').map((x) => x.info['step'])).toEqual([1, 2, 3, 4, 5]);
    expect(t[3]!.action.input).toEqual({ path: 'add.js', old: 'a - b', new: 'a + b' });
    expect(t[2]!.action.raw).toBe('{"path": "add.js", "old": ');
    // each turn's message and usage sit on its first transition; the usage adds up to the sample's
    expect(t.map((x) => x.action.message !== undefined)).toEqual([true, true, true, true, true, false]);
    expect(t[0]!.action.message).toMatchObject({ content: 'Let me look around.', reasoning: 'start with the layout', finishReason: 'tool_calls' });
    expect(t[5]!.usage).toEqual(emptyUsage());
    expect(addUsage(...t.map((x) => x.usage))).toEqual(result.usage);
  });

  it('rebuilds exactly the chat history the model was sent', async () => {
    const { result, model } = await episode(fileEnv, addTask('history'), {}, script);
    const history = messagesOf(result.trajectories[0]!);
    expect(model.requests).toHaveLength(5);
    // every request's messages are the history up to that turn (append-only)...
    for (const req of model.requests) expect(history.slice(0, req.messages.length)).toEqual(req.messages);
    // ...and the history ends with the last turn and its two tool results
    const last = model.requests.at(-1)!.messages.length;
    expect(history.slice(last).map((m) => m.role)).toEqual(['assistant', 'tool', 'tool']);
    expect(history[0]).toEqual({ role: 'system', content: fileEnv.system(addTask('history'), {}) });
  });

  it('is a valid trajectory file through JSON', async () => {
    const { result } = await episode(fileEnv, addTask('file'), {}, script);
    const file = { format: TRAJECTORY_FORMAT_VERSION, episodeId: 'ep-file', taskId: 'file', testDouble: true, samples: result.trajectories };
    const parsed = TrajectorySchema.parse(JSON.parse(JSON.stringify(file)));
    expect(messagesOf(parsed.samples[0]!)).toEqual(messagesOf(result.trajectories[0]!));
  });

  it('keeps a cut final turn as the tail, with its usage', async () => {
    const { result, model } = await episode(fileEnv, addTask('tail'), {}, [toolCalls(['list_dir', {}]), { content: 'I will now', finishReason: 'disconnected' }]);
    expect(result.exitReason).toBe('model_error');
    const sample = result.trajectories[0]!;
    expect(sample.transitions).toHaveLength(1);
    expect(sample.tail?.message).toMatchObject({ content: 'I will now', finishReason: 'disconnected' });
    expect(sample.tail!.usage.calls).toBe(1);
    const history = messagesOf(sample);
    expect(history.slice(0, -1)).toEqual(model.requests[1]!.messages);
    expect(history.at(-1)).toEqual({ role: 'assistant', content: 'I will now' });
  });

  it('records tool calls after the episode ended as not run, and a reply without a tool call as invalid', async () => {
    const { result, model } = await episode(fileEnv, addTask('after'), {}, [{ content: 'thinking aloud' }, toolCalls(['submit', {}], ['list_dir', {}])]);
    const t = result.trajectories[0]!.transitions;
    expect(t.map((x) => x.action.kind)).toEqual(['invalid', 'tool_call', 'tool_call']);
    expect(t[0]!.action.callId).toBeUndefined();
    expect(t[2]!.info).toEqual({ notRun: true });
    expect(messagesOf(result.trajectories[0]!).slice(0, model.requests[1]!.messages.length)).toEqual(model.requests[1]!.messages);
  });
});

describe('exit reasons: the environment\'s truncation and the harness\'s step limit', () => {
  const explore: FakeScript = () => toolCalls(['list_dir', {}]);

  it('an environment that truncates ends the sample with truncated', async () => {
    const { result } = await episode(fileEnv, addTask('trunc', 1, { truncateAt: 2 }), { maxSteps: 10 }, explore);
    expect(result.exitReason).toBe('truncated');
    expect(result.trajectories[0]!.transitions.map((x) => x.truncated)).toEqual([false, true]);
  });

  it('the harness step limit ends it with max_steps', async () => {
    const { result } = await episode(fileEnv, addTask('limit'), { maxSteps: 2 }, explore);
    expect(result.exitReason).toBe('max_steps');
    expect(result.trajectories[0]!.transitions.every((x) => !x.truncated)).toBe(true);
  });
});

describe('a single-turn trajectory', () => {
  it('records the reply as an answer transition with the environment reward', async () => {
    const task: AnswerTask = { id: 'one', prompt: 'What is 6 * 7?', reference: '42', wrong: [] };
    const { result, model } = await episode(answerEnv, task, {}, [{ content: 'Six sevens.\n#### 42' }]);
    const t = result.trajectories[0]!.transitions;
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({ action: { kind: 'answer', tool: 'submit', input: { answer: 'Six sevens.\n#### 42' } }, observation: 'submitted', reward: 1, terminated: true });
    expect(messagesOf(result.trajectories[0]!)).toEqual([...model.requests[0]!.messages, { role: 'assistant', content: 'Six sevens.\n#### 42' }, { role: 'user', content: 'submitted' }]);
  });
});
