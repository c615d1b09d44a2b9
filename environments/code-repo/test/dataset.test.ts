import path from 'node:path';
import { isCrucibleError } from '@crucible/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import env from '../src/index.js';
import type { CodeTask } from '../src/tasks/code-task.js';
import { runGitOk } from '../src/workspace/git.js';
import { openWorkspaceCount } from '../src/workspace/workspace.js';
import { config, episodeContext } from './env-context.js';
import { cleanTempDirs, overlaysUnder, tempDir, tinyNodeRepo, writeJsonl } from './helpers.js';

let dir: string;
let cacheDir: string;
let instance: Record<string, unknown>;
let tasks: CodeTask[];
let datasetPath: string;

const task = (id: string) => {
  const found = tasks.find((t) => t.id === id);
  if (!found) throw new Error(`no task ${id}`);
  return found;
};
const openError = (id: string) => env.open(task(id), config({ dataset: datasetPath, cacheDir }), episodeContext(dir)).then(
  () => undefined,
  (err: unknown) => err,
);

beforeAll(async () => {
  dir = await tempDir('code-repo-dataset-');
  cacheDir = path.join(dir, 'cache');
  ({ instance } = await tinyNodeRepo(path.join(dir, 'tiny')));
  datasetPath = await writeJsonl(path.join(dir, 'data.jsonl'), [
    instance,
    '{"instance_id": "broken-json",',
    { ...instance, instance_id: 'no-tests', FAIL_TO_PASS: undefined },
    { ...instance, instance_id: 'bad-commit', base_commit: 'deadbeef'.repeat(5) },
    { ...instance, instance_id: 'bad-test-patch', test_patch: (instance['patch'] as string).replace('return a - b;', 'return a * b;') },
    { ...instance, instance_id: 'string-lists', FAIL_TO_PASS: '["add adds"]', PASS_TO_PASS: '[]' },
    '',
    { ...instance, instance_id: 'no-framework', test_framework: undefined },
    { ...instance, instance_id: 'no-tests' },
  ]);
  tasks = await env.tasks(config({ dataset: datasetPath, cacheDir }), { seed: 1, cwd: dir });
});

afterAll(cleanTempDirs);

describe('loading a dataset', () => {
  it('returns every line as a task, malformed ones carrying file:line and what is wrong', () => {
    expect(tasks.map((t) => t.id)).toEqual(['tiny-1', 'data.jsonl:2', 'no-tests', 'bad-commit', 'bad-test-patch', 'string-lists', 'no-framework', 'no-tests@9']);
    expect(task('no-tests@9').metadata.loadError).toBe(`${datasetPath}:9: instance_id no-tests appears twice in the dataset`);
    expect(task('data.jsonl:2').metadata.loadError).toMatch(new RegExp(`^${datasetPath}:2: not valid JSON`));
    expect(task('no-tests').metadata.loadError).toBe(`${datasetPath}:3: instance no-tests: field FAIL_TO_PASS: expected a list of test ids (or a JSON-encoded list)`);
    expect(task('no-framework').metadata.loadError).toContain(`${datasetPath}:8: instance no-framework: field test_framework: missing`);
    expect(task('string-lists').metadata.instance?.FAIL_TO_PASS).toEqual(['add adds']);
    expect(task('tiny-1')).toMatchObject({ prompt: 'add(2, 3) returns -1 instead of 5.', family: 'tiny' });
  });

  it('fails the whole load in strict mode', async () => {
    const error = await Promise.resolve(env.tasks(config({ dataset: datasetPath, strict: true }), { seed: 1, cwd: dir })).catch((e: unknown) => e);
    expect(isCrucibleError(error) && error.code).toBe('invalid_dataset');
    expect((error as Error).message).toContain(`${datasetPath}:2: not valid JSON`);
  });

  it('says so when the dataset file is missing', async () => {
    const error = await Promise.resolve(env.tasks(config({ dataset: 'nope.jsonl' }), { seed: 1, cwd: dir })).catch((e: unknown) => e);
    expect(isCrucibleError(error) && error.code).toBe('invalid_dataset');
  });
});

describe('opening a bad instance', () => {
  it('fails with invalid_task naming the line for a malformed one', async () => {
    const error = await openError('no-tests');
    expect(isCrucibleError(error) && error.code).toBe('invalid_task');
    expect((error as Error).message).toContain(`${datasetPath}:3`);
  });

  it('fails with invalid_task naming the instance when base_commit is not in the repository', async () => {
    const error = await openError('bad-commit');
    expect(isCrucibleError(error) && error.code).toBe('invalid_task');
    expect((error as Error).message).toBe(`bad-commit: base_commit ${'deadbeef'.repeat(5)} is not in repository tiny (${path.join(dir, 'tiny')})`);
  });

  it('fails with invalid_task when the test patch does not apply, leaving no workspace', async () => {
    const error = await openError('bad-test-patch');
    expect(isCrucibleError(error) && error.code).toBe('invalid_task');
    expect((error as Error).message).toMatch(/^bad-test-patch: test_patch does not apply at base_commit [0-9a-f]{40}: error: patch failed: src\/math.mjs/);
    expect(openWorkspaceCount()).toBe(0);
    expect(await overlaysUnder(cacheDir)).toEqual([]);
  });

  it('clones a repository given as a git URL', async () => {
    const file = await writeJsonl(path.join(dir, 'url.jsonl'), [{ ...instance, repo: `file://${path.join(dir, 'tiny')}` }]);
    const [byUrl] = await env.tasks(config({ dataset: file }), { seed: 1, cwd: dir });
    const session = await env.open(byUrl as CodeTask, config({ cacheDir }), episodeContext(dir));
    expect(session.observation).toContain(`Repository: file://${path.join(dir, 'tiny')}`);
    await session.close();
  });

  it('resolves owner/name through the repos directory, and says where it looked otherwise', async () => {
    const repos = path.join(dir, 'repos');
    await runGitOk(['clone', '--quiet', path.join(dir, 'tiny'), path.join(repos, 'acme__tiny')], { cwd: dir });
    const file = await writeJsonl(path.join(dir, 'owner.jsonl'), [{ ...instance, repo: 'acme/tiny' }, { ...instance, instance_id: 'ghost', repo: 'acme/ghost' }]);
    const [tiny, ghost] = await env.tasks(config({ dataset: file, repos, cacheDir }), { seed: 1, cwd: dir });
    const session = await env.open(tiny as CodeTask, config({ cacheDir }), episodeContext(dir));
    await session.close();
    const error = await env.open(ghost as CodeTask, config({ cacheDir }), episodeContext(dir)).catch((e: unknown) => e);
    expect(isCrucibleError(error) && error.code).toBe('invalid_task');
    expect((error as Error).message).toContain(`ghost: repository "acme/ghost" not found (looked in ${path.join(repos, 'acme__ghost')}`);
    expect(isCrucibleError(error) && error.hint).toContain('--repos');
  });
});
