import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRealRepos, writeJsonlDataset, writeParquetDataset, type RealRepos } from '@crucible/env-code-repo/testing';
import { crucible, tempDir } from './cli.js';

let dir: string;
let repos: RealRepos;
let parquet: string;
let jsonl: string;

beforeAll(async () => {
  dir = await tempDir('crucible-e2e-real-');
  repos = await buildRealRepos(join(dir, 'fixtures'));
  const instances = [repos.python.instance, repos.js.instance] as unknown as Array<Record<string, unknown>>;
  parquet = await writeParquetDataset(join(dir, 'instances.parquet'), instances);
  jsonl = await writeJsonlDataset(join(dir, 'instances.jsonl'), instances);
}, 60_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

const grade = async (dataset: string, predictions: object[], name: string) => {
  const preds = await writeJsonlDataset(join(dir, `${name}.jsonl`), predictions);
  const report = join(dir, `${name}-report.json`);
  const res = await crucible(['grade', 'code-repo', '--dataset', dataset, '--predictions', preds, '--repos', repos.reposDir, '--cache-dir', join(dir, 'cache'), '--log-dir', join(dir, `${name}-logs`), '--report', report], { timeout: 240_000 });
  return { ...res, report: res.exitCode === 0 || res.exitCode === 1 ? JSON.parse(await readFile(report, 'utf8')) : undefined };
};

describe('grade code-repo on real-looking repositories with their upstream test commands', () => {
  it('Parquet dataset: the reference fix resolves, an empty patch does not', async () => {
    const { python, js } = repos;
    const res = await grade(
      parquet,
      [
        { instance_id: python.instance.instance_id, model_patch: python.instance.patch },
        { instance_id: js.instance.instance_id, model_patch: '' },
      ],
      'parquet',
    );
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.report).toMatchObject({ total: 2, submitted: 2, resolved_ids: [python.instance.instance_id], unresolved_ids: [js.instance.instance_id], error_ids: [], unknown_ids: [] });
    expect(res.stderr).not.toMatch(/warning/);
    const log = await readFile(join(dir, 'parquet-logs', `${python.instance.instance_id}.log`), 'utf8');
    expect(log).toMatch(/^resolved: all 8 listed tests passed\n\n\$ PYTHONPATH=\. python3 -m unittest tests\.test_totals\./);
  }, 240_000);

  it('JSONL dataset: a wrong fix is unresolved, the JS reference resolves, an unknown id is named in a warning', async () => {
    const { python, js } = repos;
    const res = await grade(
      jsonl,
      [
        { instance_id: python.instance.instance_id, model_patch: python.wrongPatch },
        { instance_id: js.instance.instance_id, model_patch: js.instance.patch },
        { instance_id: 'acme__ghost-1', model_patch: '' },
      ],
      'jsonl',
    );
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.report).toMatchObject({ submitted: 2, resolved_ids: [js.instance.instance_id], unresolved_ids: [python.instance.instance_id], unknown_ids: ['acme__ghost-1'] });
    expect(res.stderr).toContain('warning: 1 prediction(s) name no instance of the dataset: acme__ghost-1 (not graded)');
  }, 240_000);

  it('crucible run --dataset reads the Parquet file too: every episode is graded (resolved or not), none is an error', async () => {
    const out = join(dir, 'runs');
    const res = await crucible(
      ['run', '--env', 'code-repo', '--model', 'sim', '--dataset', parquet, '--env-config', `repos=${repos.reposDir}`, '--env-config', `cacheDir=${join(dir, 'cache')}`, '--out', out, '--run-id', 'pq'],
      { timeout: 240_000 },
    );
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/SIMULATED/);
    const episodes = (await readFile(join(out, 'pq', 'episodes.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(episodes.map((e) => e.taskId).sort()).toEqual([repos.js.instance.instance_id, repos.python.instance.instance_id].sort());
    for (const e of episodes) {
      expect(e.status).toBe('ok');
      expect(e.score.details.status, e.score.details.reason).toMatch(/^(resolved|unresolved)$/);
    }
  }, 240_000);

  it('exits 1 when no prediction names an instance, listing the first ids and the count', async () => {
    const ids = Array.from({ length: 7 }, (_, i) => `other__repo-${i}`);
    const res = await grade(jsonl, ids.map((instance_id) => ({ instance_id, model_patch: '' })), 'none');
    expect(res.exitCode).toBe(1);
    expect(res.stderr).toContain('7 prediction(s) name no instance of the dataset: other__repo-0, other__repo-1, other__repo-2, other__repo-3, other__repo-4 and 2 more');
    expect(res.report).toMatchObject({ submitted: 0, unknown_ids: ids });
  }, 120_000);
});
