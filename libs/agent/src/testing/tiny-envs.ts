import { z } from 'zod';
import { defineEnvironment, type Task } from '@crucible/core';

/**
 * Small real environments for the agent's tests: a single-turn "answer" task and a multi-turn file-editing
 * task with the same tool names as the code environment, kept in memory so the loop is tested without git or
 * a sandbox. {@link scripts} tells a scripted test model how to play their tasks (out of band, never the prompt).
 */
export interface AnswerTask extends Task {
  reference: string;
  wrong: string[];
}

/**
 * The single-turn answer environment; `seen`, when given, collects every text submitted to it,
 * to show what grading saw (the answer only, never the model's reasoning).
 */
export function makeAnswerEnv(seen?: string[]) {
  return defineEnvironment({
    name: 'tiny-answer',
    version: '1.0.0',
    description: 'single-turn answer task for tests',
    mode: 'single-turn',
    answerTool: { tool: 'submit', field: 'answer' },
    config: z.object({}).strict(),
    tools: { submit: { description: 'Submit the final answer', input: z.object({ answer: z.string() }) } },
    system: () => 'Answer with #### N.',
    tasks: (): AnswerTask[] => [],
    open: async (task: AnswerTask) => {
      let answer: string | undefined;
      return {
        observation: task.prompt,
        step: async (action) => {
          seen?.push(action.input.answer);
          const m = /####\s*(\S+)/.exec(action.input.answer) ?? /(-?\d+)\s*\.?\s*$/.exec(action.input.answer);
          answer = m?.[1];
          return { observation: 'submitted', reward: answer === task.reference ? 1 : 0, terminated: true, truncated: false, info: {} };
        },
        score: async () => ({ value: answer === task.reference ? 1 : 0, passed: answer === task.reference, answer, details: {} }),
        close: async () => undefined,
      };
    },
  });
}

export const answerEnv = makeAnswerEnv();

export interface FileTask extends Task {
  files: Record<string, string>;
  expected: Record<string, string>;
  patch: string;
  /** When set, step() throws on this tool: an environment failure. */
  failOn?: string;
  /** When set, verify() throws (a check that cannot run). */
  verifyThrows?: boolean;
  /** When set, open() fails for this sample index. */
  failOpenFor?: number;
  /** When set, the environment truncates the episode at this many steps (its own limit, not the harness's). */
  truncateAt?: number;
}

const fileTools = {
  list_dir: { description: 'List files', input: z.object({ path: z.string().optional() }) },
  read_file: { description: 'Read a file', input: z.object({ path: z.string(), startLine: z.number().int().optional(), endLine: z.number().int().optional() }) },
  edit: { description: 'Replace a snippet', input: z.object({ path: z.string(), old: z.string(), new: z.string() }) },
  write_file: { description: 'Write a file', input: z.object({ path: z.string(), content: z.string() }) },
  run: { description: 'Run a command', input: z.object({ command: z.string() }) },
  submit: { description: 'Submit', input: z.object({ summary: z.string().optional() }) },
};

export const fileEnv = defineEnvironment({
  name: 'tiny-files',
  version: '1.0.0',
  description: 'multi-turn file editing task for tests',
  mode: 'multi-turn',
  config: z.object({}).strict(),
  tools: fileTools,
  system: () => 'Fix the bug with the tools, then submit.',
  tasks: (): FileTask[] => [],
  open: async (task: FileTask, _config: unknown, ctx: { sampleIndex: number }) => {
    if (task.failOpenFor === ctx.sampleIndex) throw new Error(`cannot open sample ${ctx.sampleIndex}`);
    const files = { ...task.files };
    const matches = () => Object.entries(task.expected).every(([p, c]) => files[p] === c);
    let steps = 0;
    return {
      observation: `Fix the bug. Files: ${Object.keys(files).join(', ')}`,
      step: async (action) => {
        if (task.failOn === action.tool) throw new Error(`injected environment failure in ${action.tool}`);
        steps++;
        // Reward on submit only (1 when the fix is in), as a sparse-reward task gives; info says which step it was.
        const done = (observation: string, terminated = false) => ({
          observation,
          reward: terminated && matches() ? 1 : 0,
          terminated,
          truncated: !terminated && task.truncateAt !== undefined && steps >= task.truncateAt,
          info: { step: steps },
        });
        switch (action.tool) {
          case 'list_dir':
            return done(Object.keys(files).join('\n'));
          case 'read_file':
            return done(files[action.input.path] ?? `Error: no file ${action.input.path}`);
          case 'edit': {
            const text = files[action.input.path];
            if (text === undefined || !text.includes(action.input.old)) return done('Error: snippet not found');
            files[action.input.path] = text.replace(action.input.old, action.input.new);
            return done('edited');
          }
          case 'write_file':
            files[action.input.path] = action.input.content;
            return done('written');
          case 'run':
            return done(matches() ? 'all checks pass' : 'check failed');
          case 'submit':
            return done('submitted', true);
        }
      },
      verify: async () => {
        if (task.verifyThrows) throw new Error('the check could not run');
        return { passed: matches(), value: matches() ? 1 : 0, feedback: matches() ? 'ok' : 'the check still fails' };
      },
      score: async () => ({ value: matches() ? 1 : 0, passed: matches(), details: {} }),
      close: async () => undefined,
    };
  },
});

/** A file task whose reference patch changes `return a - b` to `return a + b`. */
export function addTask(id: string, difficulty = 1, extra: Partial<FileTask> = {}): FileTask {
  const before = 'export function add(a, b) {\n  return a - b;\n}\n';
  const after = 'export function add(a, b) {\n  return a + b;\n}\n';
  const patch = ['--- a/add.js', '+++ b/add.js', '@@ -1,3 +1,3 @@', ' export function add(a, b) {', '-  return a - b;', '+  return a + b;', ' }', ''].join('\n');
  return { id, prompt: 'add() subtracts', difficulty, files: { 'add.js': before }, expected: { 'add.js': after }, patch, ...extra };
}

/** How the file environment's tools take their arguments, for a scripted model's code policy. */
const FILE_TOOLS = {
  listDir: { name: 'list_dir', path: 'path' },
  readFile: { name: 'read_file', path: 'path' },
  edit: { name: 'edit', path: 'path', old: 'old', new: 'new' },
  writeFile: { name: 'write_file', path: 'path', content: 'content' },
  run: { name: 'run', command: 'command' },
  submit: { name: 'submit', summary: 'summary' },
};

/**
 * The scripts of both environments' tasks, for a scripted test model (the shape `@crucible/sim`'s `TaskScripts`
 * reads; written as plain data so the agent does not depend on any test double).
 */
export const scripts = {
  scriptFor(task: AnswerTask | FileTask) {
    if ('patch' in task) return { kind: 'code' as const, difficulty: task.difficulty ?? 2, patch: task.patch, testCommand: 'check', tools: FILE_TOOLS };
    return { kind: 'answer' as const, difficulty: task.difficulty ?? 3, answer: task.reference, wrongAnswers: task.wrong, formats: ['#### {answer}'] };
  },
};
