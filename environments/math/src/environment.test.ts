import { fileURLToPath } from 'node:url';
import { TaskScriptSchema } from '@crucible/sim';
import { isEnvironmentDefinition, toFunctionTools, type EpisodeContext, type TaskContext } from '@crucible/core';
import { describe, expect, it } from 'vitest';
import env from './index.js';
import type { MathTask } from './math-task.js';
import { scripts } from './testing/index.js';

const cwd = fileURLToPath(new URL('..', import.meta.url));
const taskCtx = (over: Partial<TaskContext> = {}): TaskContext => ({ seed: 5, cwd, ...over });
const episodeCtx: EpisodeContext = { seed: 5, episodeId: 'e1', sampleIndex: 0, signal: new AbortController().signal, unsafeNoSandbox: false, cwd };

async function submit(task: MathTask, answer: string) {
  const session = await env.open(task, env.config.parse({}), episodeCtx);
  const step = await session.step({ tool: 'submit', input: { answer } });
  const score = await session.score();
  await session.close();
  return { step, score };
}

describe('math environment', () => {
  it('is a valid single-turn environment definition', () => {
    expect(isEnvironmentDefinition(env)).toBe(true);
    expect(env).toMatchObject({ name: 'math', version: '1.0.0', mode: 'single-turn', answerTool: { tool: 'submit', field: 'answer' } });
    expect(toFunctionTools(env.tools)[0]?.function.name).toBe('submit');
    expect(env.system({} as MathTask, env.config.parse({}))).toMatch(/####.*\\boxed/);
  });

  it('validates config strictly with defaults', () => {
    expect(env.config.parse({})).toEqual({ count: 100 });
    expect(env.config.safeParse({ difficulty: 6 }).success).toBe(false);
    expect(env.config.parse({ difficulty: '3', families: 'fractions, arithmetic', count: '5' })).toEqual({
      difficulty: 3,
      families: ['fractions', 'arithmetic'],
      count: 5,
    });
    expect(env.config.safeParse({ count: 'many' }).success).toBe(false);
    expect(env.config.safeParse({ families: ['geometry'] }).success).toBe(false);
    expect(env.config.safeParse({ colour: 'red' }).success).toBe(false);
    expect(env.config.safeParse({ dataset: 'x.jsonl', families: ['fractions'] }).success).toBe(false);
  });

  it('makes ctx.limit procedural tasks, else count', async () => {
    expect(await env.tasks(env.config.parse({}), taskCtx({ limit: 7 }))).toHaveLength(7);
    expect(await env.tasks(env.config.parse({ count: 3 }), taskCtx())).toHaveLength(3);
  });

  it('passes the reference and fails a wrong answer', async () => {
    const tasks = await env.tasks(env.config.parse({}), taskCtx({ limit: 8 }));
    for (const task of tasks) {
      const right = await submit(task, `Some working.\n#### ${task.reference}`);
      expect(right.step).toMatchObject({ reward: 1, terminated: true, truncated: false });
      expect(right.score).toMatchObject({ value: 1, passed: true, details: { extracted: task.reference, reference: task.reference } });
      const wrong = await submit(task, `\\boxed{${task.wrongAnswers?.[0]}}`);
      expect(wrong.step.reward).toBe(0);
      expect(wrong.score).toMatchObject({ value: 0, passed: false });
    }
  });

  it('gives equivalent answers the same normalised answer', async () => {
    const task: MathTask = { id: 't', prompt: 'Compute 1/4 + 1/4.', family: 'fractions', reference: '1/2', style: 'boxed' };
    const answers = await Promise.all(['#### 0.5', 'so \\boxed{\\frac{1}{2}}', 'The answer is 2/4.', '[sim] \\boxed{\\frac12}'].map((a) => submit(task, a)));
    expect(answers.every((a) => a.score.passed)).toBe(true);
    expect(new Set(answers.map((a) => a.score.answer))).toEqual(new Set(['0.5']));
  });

  it('scores 0 with reason "no answer" before any submit or when nothing is extracted', async () => {
    const [task] = await env.tasks(env.config.parse({}), taskCtx({ limit: 1 }));
    const session = await env.open(task as MathTask, env.config.parse({}), episodeCtx);
    expect(await session.score()).toMatchObject({ value: 0, passed: false, details: { reason: 'no answer' } });
    const empty = await submit(task as MathTask, 'I cannot solve this.');
    expect(empty.score).toMatchObject({ value: 0, passed: false, details: { reason: 'no answer' } });
  });

  it('ignores a second submit', async () => {
    const [task] = (await env.tasks(env.config.parse({}), taskCtx({ limit: 1 }))) as MathTask[];
    const session = await env.open(task as MathTask, env.config.parse({}), episodeCtx);
    await session.step({ tool: 'submit', input: { answer: `#### ${task?.reference}` } });
    const again = await session.step({ tool: 'submit', input: { answer: '#### 0' } });
    expect(again).toMatchObject({ reward: 0, terminated: true, info: { repeated: true } });
    expect((await session.score()).passed).toBe(true);
  });

  it('gives valid sim scripts, with wrong answers derived for loaded datasets', async () => {
    const procedural = await env.tasks(env.config.parse({}), taskCtx({ limit: 4 }));
    const loaded = await env.tasks(env.config.parse({ dataset: 'math-sample' }), taskCtx());
    for (const task of [...procedural, ...loaded]) {
      const script = TaskScriptSchema.parse(scripts.scriptFor(task as MathTask, env.config.parse({})));
      expect(script.kind).toBe('answer');
      if (script.kind !== 'answer') continue;
      expect(script.answer).toBe(task.reference);
      expect(script.wrongAnswers.length).toBeGreaterThanOrEqual(1);
      // One final-answer line in the task's style, which the environment's grader reads back.
      expect(script.formats).toHaveLength(1);
      const line = script.formats[0]!.replace('{answer}', task.reference);
      const session = await env.open(task as MathTask, env.config.parse({}), episodeCtx);
      await session.step({ tool: 'submit', input: { answer: line } });
      expect((await session.score()).passed).toBe(true);
    }
  });

  it('loads a dataset with stable ids, honouring limit and difficulty', async () => {
    const all = await env.tasks(env.config.parse({ dataset: 'data/gsm8k-sample.jsonl' }), taskCtx());
    expect(all.length).toBe(10);
    expect(all[2]?.id).toBe('math/gsm8k-sample/3');
    const limited = await env.tasks(env.config.parse({ dataset: 'gsm8k-sample' }), taskCtx({ limit: 2 }));
    expect(limited.map((t) => t.id)).toEqual(all.slice(0, 2).map((t) => t.id));
    const level2 = await env.tasks(env.config.parse({ dataset: 'math-sample', difficulty: 2 }), taskCtx());
    expect(level2.length).toBeGreaterThan(0);
    expect(level2.every((t) => t.difficulty === 2)).toBe(true);
    const session = await env.open(all[0] as MathTask, env.config.parse({}), episodeCtx);
    expect(session.observation).toBe(all[0]?.prompt);
  });
});
