import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crucible, tempDir } from './cli.js';

describe('crucible sweep (subprocess, sim over real HTTP)', () => {
  it('reuses one sample pool per task across k and writes curves, frontier and compute-optimal settings', async () => {
    const out = await tempDir();
    const tasks = 20;
    const res = await crucible([
      'sweep', '--env', 'math', '--model', 'sim', '--tasks', String(tasks), '--seed', '1',
      '--grid', 'samples=1,2,4,8', '--grid', 'reasoningEffort=low,high', '--out', out, '--run-id', 'sw',
    ]);
    expect(res.exitCode, res.stderr).toBe(0);
    // the pool: max N (8) samples per task and setting, not 1+2+4+8
    const served = /sim served (\d+) samples in (\d+) requests/.exec(res.stdout);
    expect(served, res.stdout).not.toBeNull();
    expect(Number(served![1])).toBe(tasks * 2 * 8);
    expect(Number(served![2])).toBe(tasks * 2);
    expect(res.stdout).toMatch(/Score against compute/);
    expect(res.stdout).toMatch(/Compute-optimal setting per difficulty/);

    const file = JSON.parse(await readFile(join(out, 'sw', 'summary.json'), 'utf8'));
    expect(file.testDouble).toMatch(/SIMULATED/);
    expect(file.summary.points.map((p: { point: string }) => p.point)).toEqual(['reasoningEffort=low', 'reasoningEffort=high']);
    const ks = file.summary.kCurves.filter((k: { point: string }) => k.point === 'reasoningEffort=high').map((k: { k: number }) => k.k);
    expect(ks).toEqual([1, 2, 4, 8]);
    // pass@k never falls as k grows
    for (const point of ['reasoningEffort=low', 'reasoningEffort=high']) {
      const pass = file.summary.kCurves.filter((k: { point: string }) => k.point === point).map((k: { passAtK: { mean: number } }) => k.passAtK.mean);
      for (let i = 1; i < pass.length; i++) expect(pass[i]).toBeGreaterThanOrEqual(pass[i - 1] - 1e-12);
    }
    expect(file.curves).toHaveLength(8);
    const low1 = file.curves.find((c: { point: string; k: number }) => c.point === 'reasoningEffort=low' && c.k === 1);
    const high1 = file.curves.find((c: { point: string; k: number }) => c.point === 'reasoningEffort=high' && c.k === 1);
    expect(high1.tokens).toBeGreaterThan(low1.tokens); // effort costs tokens
    expect(file.pareto.tokens.length).toBeGreaterThan(0);
    expect(file.bestPerDifficulty.length).toBeGreaterThan(0);
  });

  it('rejects an unknown grid axis before running anything', async () => {
    const out = await tempDir();
    const res = await crucible(['sweep', '--env', 'math', '--model', 'sim', '--grid', 'topP=0.1,0.9', '--out', out]);
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toMatch(/--grid axis "topP"/);
  });
});
