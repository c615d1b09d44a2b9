import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isCrucibleError } from '@crucible/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import env, { gradePredictions } from '../src/index.js';
import type { CodeRepoSession } from '../src/session.js';
import type { CodeTask } from '../src/tasks/code-task.js';
import { runGitOk } from '../src/workspace/git.js';
import { openWorkspaceCount } from '../src/workspace/workspace.js';
import { config, episodeContext } from './env-context.js';
import { cleanTempDirs, makeRepo, overlaysUnder, tempDir, writeJsonl } from './helpers.js';

/** A tiny, dependency-free package from the npm registry, pinned with its integrity. */
const LOCKFILE = {
  name: 'numcheck',
  version: '1.0.0',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': { name: 'numcheck', version: '1.0.0', dependencies: { 'is-number': '7.0.0' } },
    'node_modules/is-number': {
      version: '7.0.0',
      resolved: 'https://registry.npmjs.org/is-number/-/is-number-7.0.0.tgz',
      integrity: 'sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==',
      engines: { node: '>=0.12.0' },
    },
  },
};

const FIX = { old: 'return isNumber(x) && Number(x) >= 0;', new: 'return isNumber(x) && Number(x) > 0;' };

let dir: string;
let cacheDir: string;
let datasetPath: string;
const tasks: Record<string, CodeTask> = {};

beforeAll(async () => {
  dir = await tempDir('code-repo-setup-');
  cacheDir = path.join(dir, 'cache');
  const repo = path.join(dir, 'numcheck');
  // No .gitignore: node_modules must stay out of git status and the model patch all the same.
  const commit = await makeRepo(repo, {
    'package.json': `${JSON.stringify({ name: 'numcheck', version: '1.0.0', private: true, dependencies: { 'is-number': '7.0.0' }, scripts: { test: 'node --test' } }, null, 2)}\n`,
    'package-lock.json': `${JSON.stringify(LOCKFILE, null, 2)}\n`,
    'src/positive.js': `const isNumber = require('is-number');\n\nfunction positive(x) {\n  ${FIX.old}\n}\n\nmodule.exports = { positive };\n`,
    'test/digits.test.js':
      "const test = require('node:test');\nconst assert = require('node:assert');\nconst { positive } = require('../src/positive.js');\n\ntest('strings of digits are positive', () => {\n  assert.equal(positive('42'), true);\n});\n",
  });
  const instance = {
    instance_id: 'numcheck-1',
    repo: 'numcheck',
    base_commit: commit,
    problem_statement: 'positive(0) returns true; zero is not positive.',
    patch: `diff --git a/src/positive.js b/src/positive.js\n--- a/src/positive.js\n+++ b/src/positive.js\n@@ -3,3 +3,3 @@ const isNumber = require('is-number');\n function positive(x) {\n-  ${FIX.old}\n+  ${FIX.new}\n }\n`,
    test_patch:
      "diff --git a/test/zero.test.js b/test/zero.test.js\nnew file mode 100644\n--- /dev/null\n+++ b/test/zero.test.js\n@@ -0,0 +1,6 @@\n+const test = require('node:test');\n+const assert = require('node:assert');\n+const { positive } = require('../src/positive.js');\n+test('zero is not positive', () => {\n+  assert.equal(positive(0), false);\n+});\n",
    FAIL_TO_PASS: ['zero is not positive'],
    PASS_TO_PASS: ['strings of digits are positive'],
    test_framework: 'node-test',
    setup_command: 'npm ci --no-audit --no-fund --fetch-retries=0 --fetch-timeout=60000',
  };
  datasetPath = await writeJsonl(path.join(dir, 'data.jsonl'), [
    instance,
    { ...instance, instance_id: 'numcheck-2' },
    { ...instance, instance_id: 'numcheck-broken', setup_command: 'echo preparing; echo "no such tool: frobnicate" >&2; exit 3' },
  ]);
  for (const task of (await env.tasks(config({ dataset: datasetPath, cacheDir }), { seed: 1, cwd: dir })) as CodeTask[]) tasks[task.id] = task;
}, 60_000);

afterAll(async () => {
  expect(openWorkspaceCount()).toBe(0);
  expect(await overlaysUnder(dir)).toEqual([]);
  await cleanTempDirs();
});

const open = (id: string, overrides: Record<string, unknown> = {}) =>
  env.open(tasks[id] as CodeTask, config({ cacheDir, ...overrides }), episodeContext(dir)) as Promise<CodeRepoSession>;

describe('a setup command', () => {
  it('without allowSetupNetwork has no network: the instance errors with the command’s output tail', async () => {
    const error = await open('numcheck-1').catch((e: unknown) => e);
    expect(isCrucibleError(error) && error.code).toBe('invalid_task');
    expect((error as Error).message).toMatch(/^numcheck-1: setup_command `npm ci [^`]*` failed with exit code \d+; its output ends:\n[\s\S]*npm error/);
    expect((error as Error).message).toMatch(/ENOTFOUND|EAI_AGAIN|ENETUNREACH|network/i);
    expect(isCrucibleError(error) && error.hint).toContain('allowSetupNetwork=true');
  }, 120_000);

  it('installs a real npm dependency once; every episode and scoring sees it read-only, git status stays clean', async () => {
    const allow = { allowSetupNetwork: true };
    const first = await open('numcheck-1', allow);
    try {
      const run = async (command: string) => (await first.step({ tool: 'run', input: { command, timeoutSec: 60 } })).observation;
      expect(await run("node -e \"console.log(require('is-number')(5))\"")).toMatch(/^true\n/);
      expect(await run('git status --porcelain | wc -l; ls node_modules')).toMatch(/^0\nis-number\n/);
      // The agent's network stays off even though setup had it.
      expect(await run('node -e "require(\'https\').get(\'https://registry.npmjs.org/\', () => console.log(\'REACHED\')).on(\'error\', (e) => console.log(\'NO-NET\', e.code))"')).toMatch(/^NO-NET/);
      expect((await first.score()).details).toMatchObject({ status: 'unresolved', tests: { 'zero is not positive': 'failed', 'strings of digits are positive': 'passed' } });
      await first.step({ tool: 'edit', input: { path: 'src/positive.js', ...FIX } });
      const score = await first.score();
      expect(score.details).toMatchObject({ status: 'resolved' });
      expect(score.details['model_patch']).not.toContain('node_modules');
      // What an episode does to the layer's files stays in that episode.
      expect(await run('rm -rf node_modules && ls')).not.toContain('node_modules');
    } finally {
      await first.close();
    }
    const layers = await readdir(path.join(cacheDir, 'setup'));
    expect(layers).toHaveLength(1);
    const log = path.join(cacheDir, 'setup', layers[0] ?? '', 'setup.log');
    expect(await readFile(log, 'utf8')).toMatch(/^\$ npm ci[\s\S]*added 1 package/);
    const built = (await stat(log)).mtimeMs;
    // Another instance with the same repository, commit and command reuses the layer: no second install.
    // (in copy mode too, where the layer is copied over the checkout).
    const second = await open('numcheck-2', { ...allow, workspaceMode: 'copy' });
    expect((await second.step({ tool: 'run', input: { command: 'ls node_modules; git status --porcelain | wc -l' } })).observation).toMatch(/^is-number\n0\n/);
    await second.close();
    expect(await readdir(path.join(cacheDir, 'setup'))).toEqual(layers);
    expect((await stat(log)).mtimeMs).toBe(built);
  }, 300_000);

  it('is used by grading too', async () => {
    const reference = tasks['numcheck-1']?.metadata.instance?.patch;
    const preds = await writeJsonl(path.join(dir, 'preds.jsonl'), [
      { instance_id: 'numcheck-1', model_patch: reference },
      { instance_id: 'numcheck-2', model_patch: '' },
    ]);
    const report = await gradePredictions({ dataset: datasetPath, predictions: preds, cacheDir, cwd: dir, allowSetupNetwork: true });
    expect(report).toMatchObject({ resolved_ids: ['numcheck-1'], unresolved_ids: ['numcheck-2'] });
  }, 300_000);

  it('that fails is an instance error with its output tail, remembered without rerunning', async () => {
    const error = await open('numcheck-broken').catch((e: unknown) => e);
    expect(isCrucibleError(error) && error.code).toBe('invalid_task');
    expect((error as Error).message).toBe('numcheck-broken: setup_command `echo preparing; echo "no such tool: frobnicate" >&2; exit 3` failed with exit code 3; its output ends:\npreparing\nno such tool: frobnicate');
    expect(await open('numcheck-broken').catch((e: unknown) => e)).toBe(error);
  });
});

describe('a repository spec file (repos/specs.json)', () => {
  it('gives instances of a repository its setup_command and history', async () => {
    const repos = path.join(dir, 'repos');
    await runGitOk(['clone', '--quiet', path.join(dir, 'numcheck'), path.join(repos, 'acme__numcheck')], { cwd: dir });
    await writeFile(path.join(repos, 'specs.json'), JSON.stringify({ 'acme/numcheck': { setup_command: 'mkdir -p build && echo made > build/out.txt', history: 'none' } }));
    const { setup_command: _, ...plain } = tasks['numcheck-1']?.metadata.instance ?? {};
    const file = await writeJsonl(path.join(dir, 'spec.jsonl'), [{ ...plain, instance_id: 'by-spec', repo: 'acme/numcheck', FAIL_TO_PASS: ['zero is not positive'] }]);
    const [task] = await env.tasks(config({ dataset: file, repos, cacheDir }), { seed: 1, cwd: dir });
    const session = (await env.open(task as CodeTask, config({ cacheDir }), episodeContext(dir))) as CodeRepoSession;
    try {
      const out = (await session.step({ tool: 'run', input: { command: 'cat build/out.txt; git log --oneline | wc -l; git status --porcelain | wc -l' } })).observation;
      expect(out).toMatch(/^made\n1\n0\n/);
    } finally {
      await session.close();
    }
  });

  it('that is malformed fails the episode naming the file and the field', async () => {
    const repos = path.join(dir, 'repos-bad');
    await runGitOk(['clone', '--quiet', path.join(dir, 'numcheck'), path.join(repos, 'acme__numcheck')], { cwd: dir });
    await writeFile(path.join(repos, 'specs.json'), JSON.stringify({ 'acme/numcheck': { setup_command: 'true', history: 'some' } }));
    const file = await writeJsonl(path.join(dir, 'spec-bad.jsonl'), [{ ...tasks['numcheck-1']?.metadata.instance, instance_id: 'bad-spec', repo: 'acme/numcheck' }]);
    const [task] = await env.tasks(config({ dataset: file, repos, cacheDir }), { seed: 1, cwd: dir });
    const error = await env.open(task as CodeTask, config({ cacheDir }), episodeContext(dir)).catch((e: unknown) => e);
    expect(isCrucibleError(error) && error.code).toBe('invalid_config');
    expect((error as Error).message).toMatch(new RegExp(`^${path.join(repos, 'specs.json')}: field acme/numcheck.history: `));
  });
});
