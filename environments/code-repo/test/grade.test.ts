import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isCrucibleError } from '@crucible/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradePredictions } from '../src/index.js';
import { cleanTempDirs, tempDir, tinyNodeRepo, writeJsonl } from './helpers.js';

let dir: string;
let dataset: string;
let instance: Record<string, unknown>;

beforeAll(async () => {
  dir = await tempDir('code-repo-grade-');
  ({ instance } = await tinyNodeRepo(path.join(dir, 'tiny')));
  dataset = await writeJsonl(path.join(dir, 'data.jsonl'), [
    instance,
    { ...instance, instance_id: 'tiny-2' },
    { ...instance, instance_id: 'tiny-3' },
    { ...instance, instance_id: 'bad-commit', base_commit: 'abc1234' },
    { ...instance, instance_id: 'no-results', test_command: 'echo nothing to see' },
  ]);
});

afterAll(cleanTempDirs);

describe('gradePredictions', () => {
  it('grades each prediction in a fresh worktree and reports like SWE-bench', async () => {
    const predictions = await writeJsonl(path.join(dir, 'preds.jsonl'), [
      { instance_id: 'tiny-1', model_patch: instance['patch'] },
      { instance_id: 'tiny-2', model_patch: 'diff --git a/src/math.mjs b/src/math.mjs\n--- a/src/math.mjs\n+++ b/src/math.mjs\n@@ -1,3 +1,3 @@\n export function nothing() {\n-  return 1;\n+  return 2;\n }\n' },
      { instance_id: 'tiny-3', model_patch: null },
      { instance_id: 'bad-commit', model_patch: instance['patch'] },
      { instance_id: 'no-results', model_patch: instance['patch'] },
      { instance_id: 'ghost', model_patch: '' },
    ]);
    const report = await gradePredictions({ dataset, predictions, cacheDir: path.join(dir, 'cache'), cwd: dir });
    expect(report).toMatchObject({
      total: 5,
      submitted: 5,
      resolved_ids: ['tiny-1'],
      unresolved_ids: ['tiny-2', 'tiny-3'],
    });
    expect([...report.error_ids].sort()).toEqual(['bad-commit', 'no-results']);
    expect(report.unknown_ids).toEqual(['ghost']);
    expect(report.per_instance['tiny-1']).toEqual({ status: 'resolved', reason: 'all 2 listed tests passed', tests: { 'add adds': 'passed', 'mul multiplies': 'passed' } });
    expect(report.per_instance['tiny-2']?.reason).toMatch(/^model_patch does not apply: error: patch failed: src\/math.mjs:1/);
    expect(report.per_instance['tiny-3']).toMatchObject({ status: 'unresolved', tests: { 'add adds': 'failed' } });
    expect(report.per_instance['bad-commit']?.reason).toContain('bad-commit: base_commit abc1234 is not in repository tiny');
    // an unreadable run names the instance, the command and the output's tail
    expect(report.per_instance['no-results']?.reason).toBe(
      'no-results: no per-test results could be read from the node-test output (exit code 0) of `echo nothing to see`; its last 40 lines:\nnothing to see',
    );
    expect(report.per_instance['ghost']).toBeUndefined();
  });

  it('names unknown prediction ids: the first five and how many more', async () => {
    const { describeUnknownIds } = await import('../src/index.js');
    expect(describeUnknownIds(['a'])).toBe('1 prediction(s) name no instance of the dataset: a');
    expect(describeUnknownIds(['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toBe('7 prediction(s) name no instance of the dataset: a, b, c, d, e and 2 more');
  });

  it('reads predictions as a JSON array too (model_patch null is an empty patch); a bad row is named file:row N', async () => {
    const { readPredictions } = await import('../src/index.js');
    const file = path.join(dir, 'preds.json');
    await writeFile(file, JSON.stringify([{ instance_id: 'tiny-1', model_patch: null, model_name_or_path: 'm' }, { instance_id: 'tiny-2', model_patch: 'x' }]));
    expect(await readPredictions(file)).toEqual([
      { instance_id: 'tiny-1', model_patch: '' },
      { instance_id: 'tiny-2', model_patch: 'x' },
    ]);
    await writeFile(file, JSON.stringify([{ instance_id: 'tiny-1', model_patch: '' }, { instance_id: 'tiny-2' }]));
    const error = await readPredictions(file).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`${file}:row 2: field model_patch: Invalid input: expected string, received undefined`);
  });

  it('rejects a malformed predictions line with its file:line', async () => {
    const predictions = await writeJsonl(path.join(dir, 'bad-preds.jsonl'), [{ instance_id: 'tiny-1', model_patch: '' }, { model_patch: 'x' }]);
    const error = await gradePredictions({ dataset, predictions, cwd: dir }).catch((e: unknown) => e);
    expect(isCrucibleError(error) && error.code).toBe('invalid_dataset');
    expect((error as Error).message).toBe(`${predictions}:2: field instance_id: Invalid input: expected string, received undefined`);
  });
});
