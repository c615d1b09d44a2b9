import type { FunctionToolDefinition } from '@crucible/core';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelClient, ModelToolCall } from '@crucible/model';
import { startSimServer } from './sim-server.js';
import type { SimServer } from './sim-types.js';
import { createSimClient } from './sim-client.js';
import { asked, keyOf, CODE_TOOLS } from '../test/scripted.js';

const ORIGINAL = `// Utilities for ranges.
export function inRange(x, lo, hi) {
  return x >= lo && x < hi;
}

export function clamp(x, lo, hi) {
  if (x < lo) return lo;
  if (x > hi) return hi;
  return x;
}

export function span(lo, hi) {
  const out = [];
  for (let i = lo; i < hi; i++) out.push(i);
  return out;
}

export function width(lo, hi) {
  return hi - lo;
}
`;
const FIXED = ORIGINAL.replace('x < hi;', 'x <= hi;').replace('i < hi;', 'i <= hi;');
const PATCH = `diff --git a/src/range.js b/src/range.js
--- a/src/range.js
+++ b/src/range.js
@@ -1,6 +1,6 @@
 // Utilities for ranges.
 export function inRange(x, lo, hi) {
-  return x >= lo && x < hi;
+  return x >= lo && x <= hi;
 }
 
 export function clamp(x, lo, hi) {
@@ -11,7 +11,7 @@
 
 export function span(lo, hi) {
   const out = [];
-  for (let i = lo; i < hi; i++) out.push(i);
+  for (let i = lo; i <= hi; i++) out.push(i);
   return out;
 }
 
`;
const WRONG_PATCH = `--- a/src/range.js
+++ b/src/range.js
@@ -18,3 +18,3 @@
 export function width(lo, hi) {
-  return hi - lo;
+  return hi - lo + 1;
 }
`;

const TOOL_NAMES = ['list_dir', 'read_file', 'search', 'write_file', 'edit', 'run', 'submit'];
const TOOLS: FunctionToolDefinition[] = TOOL_NAMES.map((name) => ({ type: 'function', function: { name, description: name, parameters: { type: 'object' } } }));

let server: SimServer;
let client: ModelClient;

beforeAll(async () => {
  server = await startSimServer({ seed: 3 });
  server.registerTask(keyOf('fix'), { kind: 'code', difficulty: 3, patch: PATCH, testCommand: 'npm test', tools: CODE_TOOLS });
  server.registerTask(keyOf('fix-hinted-wrong'), { kind: 'code', difficulty: 5, patch: PATCH, wrongPatch: WRONG_PATCH, tools: CODE_TOOLS });
  client = createSimClient({ baseUrl: server.url });
});
afterAll(() => server.close());

/** A tiny in-memory repository that runs the code tools, as the code environment would. */
function execute(files: Map<string, string>, call: ModelToolCall): string {
  let args: Record<string, string>;
  try {
    args = JSON.parse(call.function.arguments);
  } catch {
    return 'Error: arguments are not JSON';
  }
  switch (call.function.name) {
    case 'list_dir':
      return [...files.keys()].join('\n');
    case 'read_file':
      return files.get(args['path'] as string) ?? 'Error: no such file';
    case 'write_file':
      files.set(args['path'] as string, args['content'] as string);
      return 'ok';
    case 'edit': {
      const text = files.get(args['path'] as string) ?? '';
      if (text.split(args['old'] as string).length !== 2) return 'Error: old text must occur exactly once';
      files.set(args['path'] as string, text.replace(args['old'] as string, () => args['new'] as string));
      return 'ok';
    }
    default:
      return 'ok';
  }
}

interface Trajectory {
  calls: ModelToolCall[];
  files: Map<string, string>;
  rounds: number;
}

/** Plays one trajectory to its submit; with `revise`, a failed submit gets feedback and another round. */
async function play(task: string, seed: number, revise = 0): Promise<Trajectory> {
  const files = new Map([['src/range.js', ORIGINAL], ['package.json', '{}']]);
  const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Fix the range bugs.' }];
  const calls: ModelToolCall[] = [];
  let rounds = 0;
  for (let turn = 0; turn < 40; turn++) {
    const res = await client.generate({ messages, tools: TOOLS, seed, context: asked(task) });
    const message = res.choices[0]?.message;
    if (!message?.tool_calls) break;
    messages.push({ role: 'assistant', content: message.content, tool_calls: message.tool_calls });
    for (const call of message.tool_calls) {
      calls.push(call);
      messages.push({ role: 'tool', tool_call_id: call.id, content: execute(files, call) });
    }
    if (message.tool_calls.some((c) => c.function.name === 'submit')) {
      rounds++;
      if (files.get('src/range.js') === FIXED || rounds > revise) break;
      messages.push({ role: 'user', content: 'The hidden tests failed. Try again.' });
    }
  }
  return { calls, files, rounds };
}

const names = (t: Trajectory) => t.calls.map((c) => c.function.name).join(' ');

describe('code policy', () => {
  it('lists, reads, edits, runs the tests and submits', async () => {
    const runs = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((seed) => play('fix', seed)));
    const fixed = runs.filter((t) => t.files.get('src/range.js') === FIXED);
    const broken = runs.filter((t) => t.files.get('src/range.js') !== FIXED);
    expect(fixed.length).toBeGreaterThan(0);
    expect(broken.length).toBeGreaterThan(0);
    for (const t of fixed) expect(names(t)).toBe('list_dir read_file edit edit run submit');
    // Without a wrong patch in the hint, the sim applies only the first hunk.
    for (const t of broken) {
      expect(names(t)).toBe('list_dir read_file edit run submit');
      expect(t.files.get('src/range.js')).toBe(ORIGINAL.replace('x < hi;', 'x <= hi;'));
    }
    for (const t of runs) {
      expect(JSON.parse(t.calls[0]?.function.arguments ?? '')).toEqual({ path: '.' });
      expect(JSON.parse(t.calls[1]?.function.arguments ?? '')).toEqual({ path: 'src/range.js' });
      expect(JSON.parse(t.calls.at(-2)?.function.arguments ?? '')).toEqual({ command: 'npm test' });
      expect(new Set(t.calls.map((c) => c.id)).size).toBe(t.calls.length);
    }
  });

  it('turns the hunks into edits whose old and new text are the hunk sides', async () => {
    const runs = await Promise.all([1, 2, 3, 4, 5, 6].map((seed) => play('fix', seed)));
    const edits = runs.find((t) => t.files.get('src/range.js') === FIXED)?.calls.filter((c) => c.function.name === 'edit');
    expect(edits?.map((c) => JSON.parse(c.function.arguments))).toEqual([
      { path: 'src/range.js', old: '// Utilities for ranges.\nexport function inRange(x, lo, hi) {\n  return x >= lo && x < hi;\n}\n\nexport function clamp(x, lo, hi) {', new: '// Utilities for ranges.\nexport function inRange(x, lo, hi) {\n  return x >= lo && x <= hi;\n}\n\nexport function clamp(x, lo, hi) {' },
      { path: 'src/range.js', old: '\nexport function span(lo, hi) {\n  const out = [];\n  for (let i = lo; i < hi; i++) out.push(i);\n  return out;\n}\n', new: '\nexport function span(lo, hi) {\n  const out = [];\n  for (let i = lo; i <= hi; i++) out.push(i);\n  return out;\n}\n' },
    ]);
  });

  it('applies the hint wrong patch, and without a test command goes straight to submit', async () => {
    const runs = await Promise.all([1, 2, 3, 4, 5, 6].map((seed) => play('fix-hinted-wrong', seed)));
    const wrong = runs.filter((t) => t.files.get('src/range.js') !== FIXED);
    expect(wrong.length).toBeGreaterThan(0);
    for (const t of wrong) {
      expect(names(t)).toBe('list_dir read_file edit submit');
      expect(t.files.get('src/range.js')).toBe(ORIGINAL.replace('return hi - lo;', 'return hi - lo + 1;'));
    }
  });

  it('reverts a wrong attempt and tries again after feedback', async () => {
    const runs = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => play('fix-hinted-wrong', seed, 6)));
    const revised = runs.filter((t) => t.rounds > 1 && t.files.get('src/range.js') === FIXED);
    expect(revised.length).toBeGreaterThan(0);
    for (const t of revised) expect(names(t)).toMatch(/^list_dir read_file edit submit (edit read_file edit submit )*edit read_file edit edit submit$/);
  });

  it('keeps one trajectory per choice when n > 1', async () => {
    const res = await client.generate({ messages: [{ role: 'user', content: 'Fix it.' }], tools: TOOLS, n: 4, context: asked('fix') });
    const ids = res.choices.map((c) => c.message.tool_calls?.[0]?.id);
    expect(new Set(ids).size).toBe(4);
    for (const c of res.choices) {
      expect(c.message.content).toMatch(/^\[sim\]/);
      expect(c.finishReason).toBe('tool_calls');
    }
  });
});

describe('tool names come from the script', () => {
  it('calls the tools and argument names the task script gives, whatever the environment calls them', async () => {
    const tools = { listDir: { name: 'ls', path: 'dir' }, readFile: { name: 'cat', path: 'file' }, edit: { name: 'replace', path: 'file', old: 'from', new: 'to' }, run: { name: 'sh', command: 'cmd' }, submit: { name: 'done' } };
    server.registerTask(keyOf('renamed'), { kind: 'code', difficulty: 1, patch: PATCH, testCommand: 'make check', tools });
    const offered: FunctionToolDefinition[] = ['ls', 'cat', 'replace', 'sh', 'done'].map((name) => ({ type: 'function', function: { name, description: name, parameters: { type: 'object' } } }));
    const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Fix it.' }];
    const calls: Array<{ name: string; args: Record<string, unknown> }> = [];
    for (let turn = 0; turn < 20 && calls.at(-1)?.name !== 'done'; turn++) {
      const message = (await client.generate({ messages, tools: offered, seed: 1, context: asked('renamed') })).choices[0]!.message;
      messages.push({ role: 'assistant', content: message.content, tool_calls: message.tool_calls });
      for (const call of message.tool_calls ?? []) {
        calls.push({ name: call.function.name, args: JSON.parse(call.function.arguments) });
        messages.push({ role: 'tool', tool_call_id: call.id, content: 'ok' });
      }
    }
    expect(calls[0]).toEqual({ name: 'ls', args: { dir: '.' } });
    expect(calls.find((c) => c.name === 'cat')?.args).toEqual({ file: 'src/range.js' });
    expect(Object.keys(calls.find((c) => c.name === 'replace')!.args).sort()).toEqual(['file', 'from', 'to']);
    expect(calls.find((c) => c.name === 'sh')?.args).toEqual({ cmd: 'make check' });
    expect(calls.at(-1)).toEqual({ name: 'done', args: {} });
    expect(new Set(calls.map((c) => c.name))).toEqual(new Set(['ls', 'cat', 'replace', 'sh', 'done']));
  });
});

describe('invalid tool arguments fault', () => {
  it('emits arguments that are not JSON or miss a required field', async () => {
    const faulty = await startSimServer({ seed: 1, faults: { invalidToolArgsRate: 1 } });
    try {
      faulty.registerTask(keyOf('fix'), { kind: 'code', difficulty: 1, patch: PATCH, testCommand: 'npm test', tools: CODE_TOOLS });
      const c = createSimClient({ baseUrl: faulty.url });
      const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Fix it.' }];
      const broken: string[] = [];
      for (let turn = 0; turn < 6; turn++) {
        const res = await c.generate({ messages, tools: TOOLS, seed: turn, context: asked('fix') });
        const call = res.choices[0]?.message.tool_calls?.[0] as ModelToolCall;
        broken.push(call.function.name);
        let valid = true;
        try {
          const args = JSON.parse(call.function.arguments) as Record<string, unknown>;
          const required = { read_file: ['path'], edit: ['path', 'old', 'new'], run: ['command'] }[call.function.name] ?? ['(none)'];
          valid = required.every((k) => typeof args[k] === 'string');
        } catch {
          valid = false;
        }
        expect(valid).toBe(false);
        messages.push({ role: 'assistant', content: null, tool_calls: res.choices[0]?.message.tool_calls });
        messages.push({ role: 'tool', tool_call_id: call.id, content: 'Error: invalid arguments' });
      }
      expect(faulty.stats().faultsInjected['invalidToolArgs']).toBe(6);
      // This seed's first attempt is the wrong patch (its first hunk only), so the sixth turn starts the revert.
      expect(broken).toEqual(['list_dir', 'read_file', 'edit', 'run', 'submit', 'edit']);
    } finally {
      await faulty.close();
    }
  });
});
