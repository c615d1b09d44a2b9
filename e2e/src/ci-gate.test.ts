import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './cli.js';

/** The gate script exactly as the workflow calls it, as a subprocess in the workspace. */
const GATE = join(ROOT, 'tools/ci/eval-gate.mjs');
let dir: string;

async function gate(args: string[], env: Record<string, string> = {}) {
  const res = await execa('node', [GATE, ...args], { cwd: ROOT, reject: false, timeout: 180_000, env: { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', ...env }, all: true });
  return { exitCode: res.exitCode ?? -1, output: String(res.all) };
}

interface Line {
  taskId: string;
  score: { value: number; passed: boolean };
  samples: Array<{ score: { value: number; passed: boolean } }>;
}

beforeAll(async () => {
  dir = await tempDir('crucible-gate-');
  // What a maintainer does on main: record the cassette and the baseline through the eval target.
  const rec = await gate(['record', '--envs', 'math', '--baselines', join(dir, 'baselines')]);
  expect(rec.exitCode, rec.output).toBe(0);
  expect(rec.output).toMatch(/response cache \(read-write, .*cassette\): 0 hits, 20 misses/);
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('tools/ci/eval-gate.mjs (the CI workflow script, end to end)', () => {
  it('passes a no-op change: the eval replays from the cassette and matches the baseline', async () => {
    const summary = join(dir, 'step-summary-noop.md');
    const res = await gate(['check', '--envs', 'math', '--baselines', join(dir, 'baselines'), '--out', join(dir, 'out-noop')], { GITHUB_STEP_SUMMARY: summary });
    expect(res.exitCode, res.output).toBe(0);
    // Replayed: every request served from the cassette, none reached the model.
    expect(res.output).toMatch(/response cache \(replay, .*cassette\): 20 hits, 0 misses/);
    expect(res.output).toMatch(/0 pass -> fail, 0 fail -> pass \(of 20 pairs\)/);
    expect(res.output).toMatch(/eval-gate: PASS \(exit 0\)/);
    const md = await readFile(summary, 'utf8');
    expect(md).toMatch(/## Crucible compare: math - pass/);
    expect(md).toMatch(/SIMULATED/);
    expect(md).toMatch(/\*\*Gate: PASS\*\*/);
  });

  it('fails a planted regression (a baseline better than the change), naming the flipped tasks', async () => {
    const file = join(dir, 'baselines', 'math', 'run', 'episodes.jsonl');
    const records = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Line);
    // Main passed every task: each task the change fails is now a pass -> fail flip.
    const planted = records.filter((r) => !r.score.passed).map((r) => r.taskId).sort();
    expect(planted.length).toBeGreaterThanOrEqual(6); // enough flips for McNemar p < 0.05 (2 / 2^6 = 0.031)
    for (const r of records) {
      r.score = { ...r.score, value: 1, passed: true };
      for (const s of r.samples) s.score = { ...s.score, value: 1, passed: true };
    }
    await writeFile(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const summary = join(dir, 'step-summary-regression.md');
    const res = await gate(['check', '--envs', 'math', '--baselines', join(dir, 'baselines'), '--out', join(dir, 'out-regression')], { GITHUB_STEP_SUMMARY: summary });
    expect(res.exitCode, res.output).toBe(1);
    expect(res.output).toMatch(new RegExp(`${planted.length} pass -> fail, 0 fail -> pass \\(of 20 pairs\\)`));
    expect(res.output).toMatch(/FAIL: samples=1: accuracy dropped [\d.]+ points .*McNemar p = [\d.]+ < --alpha 0\.05/);
    expect(res.output).toMatch(/eval-gate: FAIL \(exit 1\)/);
    const md = await readFile(summary, 'utf8');
    expect(md).toMatch(/## Crucible compare: math - REGRESSION/);
    for (const id of planted) expect(md).toContain(`\`${id}\``);
    expect(md).toMatch(/\*\*Gate: FAIL\*\* \(exit 1\)/);
  });

  it('fails a change of what is sent to the model that was not re-recorded (a cassette miss), saying what to do', async () => {
    // gate.json's evalArgs apply to the replay: two samples per task were never recorded.
    await writeFile(join(dir, 'baselines', 'math', 'gate.json'), JSON.stringify({ evalArgs: ['--samples', '2'], maxDrop: 0.5 }));
    const res = await gate(['check', '--envs', 'math', '--baselines', join(dir, 'baselines'), '--out', join(dir, 'out-miss')]);
    expect(res.exitCode, res.output).toBe(1);
    expect(res.output).toMatch(/requests were not in the cassette/);
    expect(res.output).toMatch(/FAIL: .*no pair could be compared/);
    const md = await readFile(join(dir, 'out-miss', 'summary.md'), 'utf8');
    expect(md).toMatch(/the eval target exited 1 in replay mode\. A cassette miss means the prompts, tools or settings changed: re-record/);
    await writeFile(join(dir, 'baselines', 'math', 'gate.json'), JSON.stringify({ maxdrop: 0.5 }));
    const bad = await gate(['check', '--envs', 'math', '--baselines', join(dir, 'baselines'), '--out', join(dir, 'out-bad')]);
    expect(bad.exitCode).toBe(2);
    expect(bad.output).toMatch(/gate\.json: unknown field "maxdrop" \(fields: maxDrop, alpha, failUnder, evalArgs\)/);
  });
});
