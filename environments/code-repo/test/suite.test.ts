import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSuite, defaultSuite, SUITE_TASKS } from '../src/index.js';
import { evaluatePatch, type Evaluation } from '../src/scoring/evaluate.js';
import { mapLimit } from '../src/scoring/grade-predictions.js';
import type { CodeTask } from '../src/tasks/code-task.js';
import { instanceOf } from '../src/tasks/code-task.js';
import { loadDataset } from '../src/tasks/load-dataset.js';
import { prepareRepo } from '../src/workspace/prepare-repo.js';
import { cleanTempDirs, tempDir } from './helpers.js';

interface Outcomes {
  reference: Evaluation;
  empty: Evaluation;
  wrong: Evaluation;
}

let tasks: CodeTask[];
const outcomes = new Map<string, Outcomes>();

beforeAll(async () => {
  const suite = await defaultSuite();
  tasks = await loadDataset(suite.datasetPath, { reposDir: suite.repos, strict: true });
  const cacheDir = await tempDir('code-repo-suite-cache-');
  // Two tasks at a time; each task's three patches one after another.
  await mapLimit(tasks, 2, async (task) => {
    const instance = instanceOf(task);
    const repo = await prepareRepo(task, instance, { cacheDir, cwd: cacheDir });
    const ctx = { source: repo.source, testTimeoutSec: 60, unsafeNoSandbox: false, hide: [] };
    outcomes.set(task.id, {
      reference: await evaluatePatch(instance, instance.patch, ctx),
      empty: await evaluatePatch(instance, '', ctx),
      wrong: await evaluatePatch(instance, instance.wrong_patch ?? '', ctx),
    });
  });
}, 180_000);

afterAll(cleanTempDirs);

describe('the built-in suite', () => {
  it('has at least 6 node:test tasks and 4 unittest tasks, each with a problem, patches and tests', () => {
    expect(tasks.filter((t) => t.metadata.instance?.test_framework === 'node-test').length).toBeGreaterThanOrEqual(6);
    expect(tasks.filter((t) => t.metadata.instance?.test_framework === 'python-unittest').length).toBeGreaterThanOrEqual(4);
    for (const task of tasks) {
      const instance = instanceOf(task);
      expect(instance.patch).toMatch(/^diff --git /);
      expect(instance.test_patch).toMatch(/^diff --git /);
      expect(instance.wrong_patch).toMatch(/^diff --git /);
      expect(instance.visible_tests?.length).toBeGreaterThan(0);
    }
  });

  describe.each(SUITE_TASKS.map((t) => t.id))('%s', (id) => {
    it('is resolved by its reference patch', () => {
      const outcome = outcomes.get(id);
      expect(outcome?.reference.reason).toMatch(/^all \d+ listed tests passed$/);
      expect(outcome?.reference.status).toBe('resolved');
    });

    it('is not resolved by the empty patch: FAIL_TO_PASS fail at base, PASS_TO_PASS pass', () => {
      const outcome = outcomes.get(id);
      const instance = instanceOf(tasks.find((t) => t.id === id) as CodeTask);
      expect(outcome?.empty.status).toBe('unresolved');
      for (const test of instance.FAIL_TO_PASS) expect(outcome?.empty.tests[test], test).toBe('failed');
      for (const test of instance.PASS_TO_PASS) expect(outcome?.empty.tests[test], test).toBe('passed');
    });

    it('is not resolved by its plausible wrong patch', () => {
      expect(outcomes.get(id)?.wrong.status).toBe('unresolved');
    });
  });

  it('builds its fixture repositories into fixed base commits', () => {
    // Fixed identity and dates make these the same everywhere; they change only when a file under suite/ does.
    const bases = Object.fromEntries(tasks.map((t) => [instanceOf(t).repo, instanceOf(t).base_commit]));
    expect(bases).toEqual({ 'crucible/tally': '66127b6efed0fecec0751bfd7b3abb1a3ab7aa33', 'crucible/textkit': '2a681fa7b92d1f80bb77ec16aecbf6a5ec5f7c0e' });
  });

  it('builds the same commits and patches on every build', async () => {
    const dir = await tempDir('code-repo-suite-build-');
    const built = await buildSuite(dir);
    expect(built).toEqual({ datasetPath: path.join(dir, 'tasks.jsonl'), repos: path.join(dir, 'repos') });
    expect(await readFile(built.datasetPath, 'utf8')).toBe(await readFile((await defaultSuite()).datasetPath, 'utf8'));
  });
});
