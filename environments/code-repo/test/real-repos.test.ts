import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradePredictions } from '../src/scoring/grade-predictions.js';
import { git } from './real-repos/git-history.js';
import { buildRealRepos, writeJsonlDataset, type RealRepo, type RealRepos } from './real-repos/index.js';

let repos: RealRepos;
let dataset: string;

/** The Python instance run by pytest instead (it runs unittest classes too), with pytest's node ids. */
const PYTEST_ID = 'acme__invoicely-42-pytest';
const pytestIds = (ids: string) =>
  (JSON.parse(ids) as string[]).map((id) => {
    const dotted = id.replace(/^\w+ \(([\w.]+)\)$/, '$1').split('.');
    const [method = '', cls = ''] = [dotted.pop(), dotted.pop()];
    return `${dotted.join('/')}.py::${cls}::${method}`;
  });

beforeAll(async () => {
  repos = await buildRealRepos();
  const py = repos.python.instance;
  const pytestVariant = {
    ...py,
    instance_id: PYTEST_ID,
    test_command: 'python3 -m pytest {tests}',
    FAIL_TO_PASS: JSON.stringify(pytestIds(py.FAIL_TO_PASS)),
    PASS_TO_PASS: JSON.stringify(pytestIds(py.PASS_TO_PASS)),
  };
  dataset = await writeJsonlDataset(path.join(repos.root, 'instances.jsonl'), [py, repos.js.instance, pytestVariant]);
}, 60_000);

afterAll(() => repos?.cleanup());

const grade = async (predictions: Array<{ instance_id: string; model_patch: string }>) => {
  const file = await writeJsonlDataset(path.join(repos.root, `preds-${Math.random().toString(36).slice(2)}.jsonl`), predictions);
  return gradePredictions({ dataset, predictions: file, repos: repos.reposDir, cacheDir: path.join(repos.root, 'cache'), logDir: path.join(repos.root, 'logs'), cwd: repos.root });
};

describe('fixture repositories built from real-looking commits', () => {
  for (const which of ['python', 'js'] as const) {
    it(`${which}: a history with the fix and its tests after the base, SWE-bench fields from those commits`, async () => {
      const repo: RealRepo = repos[which];
      const log = (await git(repo.path, ['log', '--format=%H %s', 'main'])).trim().split('\n');
      expect(log.length).toBeGreaterThanOrEqual(7);
      expect(repo.futureCommits).toEqual([repo.fixCommit, repo.testCommit, log[0]?.split(' ')[0]]);
      expect(await git(repo.path, ['merge-base', '--is-ancestor', repo.baseCommit, repo.fixCommit]).then(() => true)).toBe(true);
      expect(repo.instance.patch).toMatch(/^diff --git a\//);
      expect(repo.instance.patch).not.toContain('test');
      expect(repo.instance.test_patch).toMatch(/^diff --git a\/(tests?)\//);
      expect(JSON.parse(repo.instance.FAIL_TO_PASS)).toHaveLength(2);
      expect(repo.instance.test_command).not.toMatch(/-v\b|--reporter|-rA/);
      expect(repo.fixAddedLines.length).toBeGreaterThan(0);
      const past = await git(repo.path, ['log', '-p', repo.baseCommit]);
      for (const line of repo.fixAddedLines) expect(past).not.toContain(line);
    });
  }
});

describe('grading with the upstream default test commands (the path `grade code-repo` takes)', () => {
  it('reference patches resolve; empty and wrong patches do not, for both repositories', async () => {
    const { python, js } = repos;
    const reference = await grade([
      { instance_id: python.instance.instance_id, model_patch: python.instance.patch },
      { instance_id: js.instance.instance_id, model_patch: js.instance.patch },
      { instance_id: PYTEST_ID, model_patch: python.instance.patch },
    ]);
    expect(reference.error_ids, JSON.stringify(reference.per_instance, null, 2)).toEqual([]);
    expect(reference.resolved_ids.sort()).toEqual([js.instance.instance_id, python.instance.instance_id, PYTEST_ID].sort());
    expect(Object.keys(reference.per_instance[PYTEST_ID]?.tests ?? {})).toContain('tests/test_totals.py::TestDiscounts::test_half_cent_discount_rounds_up');
    // the grading log says which reporter flag the harness added, and that unittest's default report was read as it is
    const pytestLog = await readFile(path.join(repos.root, 'logs', `${PYTEST_ID}.log`), 'utf8');
    expect(pytestLog).toContain('[crucible added -rA to the pytest command so that its report names every test]\n$ python3 -m pytest -rA tests/test_totals.py::');
    const unittestLog = await readFile(path.join(repos.root, 'logs', `${python.instance.instance_id}.log`), 'utf8');
    expect(unittestLog).toContain('$ PYTHONPATH=. python3 -m unittest tests.test_totals.TestDiscounts.test_discount_rounds_fractional_cents ');
    expect(unittestLog).toMatch(/^OK$/m);
    expect(unittestLog).toContain('[crucible: 8 listed test(s) passed without being named');
    expect(reference.per_instance[python.instance.instance_id]?.tests).toEqual(
      Object.fromEntries([...JSON.parse(python.instance.FAIL_TO_PASS), ...JSON.parse(python.instance.PASS_TO_PASS)].map((id: string) => [id, 'passed'])),
    );

    const empty = await grade([
      { instance_id: python.instance.instance_id, model_patch: '' },
      { instance_id: js.instance.instance_id, model_patch: '' },
      { instance_id: PYTEST_ID, model_patch: '' },
    ]);
    expect(empty.unresolved_ids.sort()).toEqual([js.instance.instance_id, python.instance.instance_id, PYTEST_ID].sort());
    expect(empty.per_instance[PYTEST_ID]?.reason).toMatch(/^not passing: tests\/test_totals.py::TestDiscounts::test_discount_rounds_fractional_cents \(failed\), /);
    const pyEmpty = empty.per_instance[python.instance.instance_id]?.tests ?? {};
    // the hidden tests fail at base; the tests that passed before still pass
    for (const id of JSON.parse(python.instance.FAIL_TO_PASS) as string[]) expect(pyEmpty[id]).toBe('failed');
    for (const id of JSON.parse(python.instance.PASS_TO_PASS) as string[]) expect(pyEmpty[id]).toBe('passed');
    const jsEmpty = empty.per_instance[js.instance.instance_id]?.tests ?? {};
    for (const id of JSON.parse(js.instance.FAIL_TO_PASS) as string[]) expect(jsEmpty[id]).toBe('failed');

    const wrong = await grade([
      { instance_id: python.instance.instance_id, model_patch: python.wrongPatch },
      { instance_id: js.instance.instance_id, model_patch: js.wrongPatch },
    ]);
    expect(wrong.unresolved_ids.sort()).toEqual([js.instance.instance_id, python.instance.instance_id].sort());
    expect(wrong.per_instance[python.instance.instance_id]?.reason).toMatch(/test_half_cent_discount_rounds_up \(failed\)/);
    expect(wrong.per_instance[python.instance.instance_id]?.reason).not.toMatch(/fractional_cents/);
    expect(wrong.per_instance[js.instance.instance_id]?.reason).toMatch(/^not passing: slugify > trims a multi-character separator \(failed\)$/);
  }, 120_000);
});
