import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Action } from '@crucible/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import env, { type CodeRepoTools } from '../src/index.js';
import { CODE_REPO_SCRIPT_TOOLS, codeRepoScript } from '../src/testing/index.js';
import type { CodeTask } from '../src/tasks/code-task.js';
import { overlayStatus } from '../src/workspace/overlay.js';
import { openWorkspaceCount } from '../src/workspace/workspace.js';
import { config, episodeContext } from './env-context.js';
import { cleanTempDirs, overlaysUnder, tempDir, tinyNodeRepo, writeJsonl } from './helpers.js';

let dir: string;
let cacheDir: string;
let task: CodeTask;

const FIX: Action<CodeRepoTools> = { tool: 'edit', input: { path: 'src/math.mjs', old: 'return a - b;', new: 'return a + b;' } };
const open = () => env.open(task, config({ cacheDir }), episodeContext(dir));
const exists = (p: string) => stat(p).then(() => true, () => false);


beforeAll(async () => {
  dir = await tempDir('code-repo-session-');
  cacheDir = path.join(dir, 'cache');
  const { instance } = await tinyNodeRepo(path.join(dir, 'tiny'));
  const file = await writeJsonl(path.join(dir, 'data.jsonl'), [instance]);
  [task] = (await env.tasks(config({ dataset: file, cacheDir }), { seed: 1, cwd: dir })) as [CodeTask];
});

afterAll(cleanTempDirs);

describe('an episode', () => {
  it('shows the issue, not the hidden tests, and scores the fix as resolved', async () => {
    const session = await open();
    try {
      expect(session.observation).toContain('add(2, 3) returns -1 instead of 5.');
      expect(session.observation).toContain('Repository: tiny');
      expect(session.observation).not.toContain('add.test.mjs');
      expect((await session.step({ tool: 'list_dir', input: { path: '.' } })).observation).toContain('src/');
      expect((await session.step({ tool: 'read_file', input: { path: 'test/add.test.mjs' } })).observation).toBe('Error: test/add.test.mjs does not exist.');
      expect((await session.step(FIX)).observation).toMatch(/^Edited src\/math.mjs/);
      const run = await session.step({ tool: 'run', input: { command: 'node --test 2>&1 | grep -c "^# pass 1"; exit 3' } });
      expect(run.observation).toBe('1\n[exit code 3 after ' + run.observation.split('after ')[1]);
      expect(run).toMatchObject({ terminated: false, reward: 0, info: { tool: 'run', error: false } });
      const submitted = await session.step({ tool: 'submit', input: { summary: 'add adds now' } });
      expect(submitted).toMatchObject({ terminated: true, truncated: false, info: { summary: 'add adds now' } });
      const score = await session.score();
      expect(score).toMatchObject({ value: 1, passed: true, details: { status: 'resolved', tests: { 'add adds': 'passed', 'mul multiplies': 'passed' } } });
      expect(score.details['model_patch']).toContain('+  return a + b;');
      expect(score.details['model_patch']).not.toContain('add.test.mjs');
    } finally {
      await session.close();
    }
  });

  it('scores an untouched workspace as unresolved, the FAIL_TO_PASS test failing', async () => {
    const session = await open();
    try {
      const score = await session.score();
      expect(score).toMatchObject({ value: 0, passed: false, details: { status: 'unresolved', model_patch: '', tests: { 'add adds': 'failed', 'mul multiplies': 'passed' } } });
      expect(score.details['reason']).toBe('not passing: add adds (failed)');
      expect(score.details['log']).toContain('$ node --test --test-reporter=tap');
    } finally {
      await session.close();
    }
  });

  it('verifies with the visible tests and feeds back what fails', async () => {
    const session = await open();
    try {
      expect(await session.verify?.()).toEqual({ passed: true, value: 1, feedback: 'All 1 visible tests pass.' });
      await session.step({ tool: 'edit', input: { path: 'src/math.mjs', old: 'return a * b;', new: 'return a / b;' } });
      const check = await session.verify?.();
      expect(check).toMatchObject({ passed: false, value: 0 });
      expect(check?.feedback).toMatch(/^1 of 1 visible tests do not pass: mul multiplies \(failed\)/);
      // Steps go on after a failed check (a revision) and after submit.
      await session.step({ tool: 'submit', input: {} });
      expect((await session.step({ tool: 'edit', input: { path: 'src/math.mjs', old: 'return a / b;', new: 'return a * b;' } })).observation).toMatch(/^Edited/);
      expect((await session.verify?.())?.passed).toBe(true);
    } finally {
      await session.close();
    }
  });

  it('ignores a forged .git file when taking the diff', async () => {
    const session = await open();
    try {
      await session.step(FIX);
      const forged = await session.step({ tool: 'run', input: { command: 'rm -rf .git && echo "gitdir: /tmp/evil" > .git && git status 2>&1 | head -1' } });
      expect(forged.observation).toContain('fatal');
      expect(await session.score()).toMatchObject({ passed: true });
    } finally {
      await session.close();
    }
  });

  it('turns tool failures into observations, never exceptions', async () => {
    const session = await open();
    try {
      const result = await session.step({ tool: 'edit', input: { path: 'src/nope.mjs', old: 'x', new: 'y' } });
      expect(result).toMatchObject({ terminated: false, info: { error: true } });
      expect(result.observation).toMatch(/^Error: /);
      const slow = await session.step({ tool: 'run', input: { command: 'sleep 30', timeoutSec: 0.5 } });
      expect(slow.observation).toContain('[timed out after 0.5 s: the command and every process it started were killed]');
    } finally {
      await session.close();
    }
    expect((await session.step({ tool: 'list_dir', input: { path: '.' } })).observation).toBe('Error: the episode is closed.');
  });
});

describe('concurrent episodes of one repository', () => {
  it('get separate workspaces over one cached checkout, and closing leaves none behind', async () => {
    const sessions = await Promise.all([open(), open(), open()]);
    const roots = await Promise.all(
      sessions.map(async (s, i) => {
        await s.step({ tool: 'write_file', input: { path: `notes-${i}.txt`, content: `episode ${i}\n` } });
        return (await s.step({ tool: 'run', input: { command: 'pwd; ls notes-*' } })).observation.split('\n');
      }),
    );
    expect(new Set(roots.map((r) => r[0])).size).toBe(3);
    roots.forEach((lines, i) => expect(lines[1]).toBe(`notes-${i}.txt`));
    const patches = await Promise.all(sessions.map((s) => (s as unknown as { modelPatch(): Promise<string> }).modelPatch()));
    patches.forEach((p, i) => expect(p).toContain(`+episode ${i}`));
    expect((await readdir(cacheDir)).filter((d) => d.endsWith('.git'))).toHaveLength(1);
    expect(await readdir(path.join(cacheDir, 'checkouts'))).toHaveLength(1);
    expect(openWorkspaceCount()).toBe(3);
    expect(await overlaysUnder(cacheDir)).toHaveLength((await overlayStatus()).ok ? 3 : 0);
    await Promise.all(sessions.map((s) => s.close()));
    expect(openWorkspaceCount()).toBe(0);
    expect(await overlaysUnder(cacheDir)).toEqual([]);
    for (const lines of roots) expect(await exists(lines[0] ?? '')).toBe(false);
  });
});

describe('the sim script', () => {
  it('names tools and arguments the environment really has', () => {
    for (const tool of Object.values(CODE_REPO_SCRIPT_TOOLS)) {
      const { name, ...args } = tool!;
      const spec = env.tools[name as keyof typeof env.tools];
      expect(spec, name).toBeDefined();
      const shape = Object.keys((spec.input as unknown as { shape: Record<string, unknown> }).shape);
      for (const arg of Object.values(args)) expect(shape, `${name}.${arg}`).toContain(arg);
    }
  });

  it('carries the reference patch and the visible test command', () => {
    expect(codeRepoScript(task)).toMatchObject({
      kind: 'code',
      difficulty: 3,
      patch: expect.stringContaining('+  return a + b;'),
      testCommand: 'node --test --test-reporter=tap',
    });
  });
});

describe('the sandbox inside an episode', () => {
  it('runs search and run under the configured limits and reports a limit hit to the model', async () => {
    const session = await env.open(task, config({ cacheDir, limits: { processes: 16 }, searchTimeoutSec: 5 }), episodeContext(dir));
    try {
      const search = await session.step({ tool: 'search', input: { pattern: 'return a - b', path: 'src' } });
      expect(search.observation).toBe('src/math.mjs:2: return a - b;');
      const bomb = await session.step({ tool: 'run', input: { command: 'for i in $(seq 1 40); do sleep 3 & done 2>/dev/null; wait; echo done' } });
      expect(bomb.observation).toMatch(/\[limit hit \(processes\): the command hit the process limit \(16 processes at once\): a fork was refused\]$/);
      expect(bomb.info).toMatchObject({ tool: 'run', limitHit: 'processes' });
      // The workspace still works afterwards.
      expect((await session.step({ tool: 'run', input: { command: 'git status --short | wc -l' } })).observation).toMatch(/^0\n/);
    } finally {
      await session.close();
    }
  });
});
