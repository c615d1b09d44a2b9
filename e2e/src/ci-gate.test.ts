import { cp, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './cli.js';

/**
 * The gate script exactly as the workflow calls it, as a subprocess, in a temporary copy of the workspace that is a
 * git repository: `record` writes the cassette where the Nx plugin reads it (`cassettes/<env>` of the workspace),
 * so it must not run in this checkout, and `check --base REF` reads the baseline from git.
 */
let base: string;
let ws: string;

/** Top-level entries the copy leaves behind: installed packages are linked, outputs and the cassettes re-made. */
const SKIP = new Set(['node_modules', '.git', '.nx', 'runs', 'dist', 'coverage', 'out-tsc', '.crucible-cache', '.gen-test', 'cassettes']);

async function git(args: string[]) {
  return execa('git', ['-c', 'user.name=gate-test', '-c', 'user.email=gate-test@example.invalid', ...args], { cwd: ws });
}

async function gate(args: string[], env: Record<string, string> = {}) {
  // NX_SOCKET_DIR: Nx leaves a folder per workspace under /tmp/.nx otherwise.
  const vars = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_SOCKET_DIR: join(base, 'sockets'), ...env };
  const res = await execa('node', [join(ws, 'tools/ci/eval-gate.mjs'), ...args], { cwd: ws, reject: false, timeout: 240_000, env: vars, all: true });
  return { exitCode: res.exitCode ?? -1, output: String(res.all) };
}

interface Line {
  taskId: string;
  score: { value: number; passed: boolean };
  samples: Array<{ score: { value: number; passed: boolean } }>;
}

beforeAll(async () => {
  base = await tempDir('crucible-gate-');
  ws = join(base, 'ws');
  await mkdir(join(base, 'sockets'), { mode: 0o700 });
  await cp(ROOT, ws, { recursive: true, filter: (src) => !SKIP.has(src.slice(ROOT.length + 1).split('/')[0]!) && !/\.tsbuildinfo$/.test(src) });
  // The copy runs this checkout's installed packages (and, through their links, its workspace sources).
  await symlink(join(ROOT, 'node_modules'), join(ws, 'node_modules'));
  // Only the Crucible plugin: the gate uses no other inferred target, and each plugin slows every nx call.
  const nxJson = JSON.parse(await readFile(join(ws, 'nx.json'), 'utf8')) as { plugins: Array<string | { plugin: string }> };
  nxJson.plugins = nxJson.plugins.filter((p) => (typeof p === 'string' ? p : p.plugin).startsWith('./tools/nx-plugin'));
  await writeFile(join(ws, 'nx.json'), JSON.stringify(nxJson, null, 2));
  await git(['init', '-q']);
  // .gitignore's `node_modules/` matches directories, not the link.
  await writeFile(join(ws, '.git/info/exclude'), 'node_modules\n');

  // What a maintainer does on main: record the cassette and the baseline through the eval target, and commit them.
  const rec = await gate(['record', '--envs', 'math']);
  expect(rec.exitCode, rec.output).toBe(0);
  expect(rec.output).toMatch(/CRUCIBLE_EVAL_CACHE=read-write npx nx run @crucible\/env-math:eval /);
  expect(rec.output).toMatch(/response cache \(read-write, cassettes\/math\): 0 hits, 20 misses/);
  // Then replayed through the same target: the baseline is the run `check` reproduces.
  expect(rec.output).toMatch(/response cache \(replay, cassettes\/math\): 20 hits, 0 misses/);
  expect(rec.output).toMatch(/recorded math on sim: baseline baselines\/math\/run, cassette cassettes\/math/);
  expect((await readdir(join(ws, 'cassettes/math'))).length).toBeGreaterThan(0);
  const runJson = await readFile(join(ws, 'baselines/math/run/run.json'), 'utf8');
  expect(runJson).not.toContain(ws);
  expect(JSON.parse(runJson).model).toMatchObject({ name: 'sim', testDouble: true });
  await git(['add', '-A']);
  await git(['commit', '-qm', 'main']);
}, 300_000);

afterAll(async () => {
  if (base) await rm(base, { recursive: true, force: true });
});

describe('tools/ci/eval-gate.mjs (the CI workflow script, end to end)', () => {
  it('passes a no-op change: the eval target replays the committed cassette and matches the baseline on the base commit', async () => {
    const summary = join(base, 'step-summary-noop.md');
    const res = await gate(['check', '--envs', 'math', '--base', 'HEAD'], { GITHUB_STEP_SUMMARY: summary });
    expect(res.exitCode, res.output).toBe(0);
    expect(res.output).toMatch(/CRUCIBLE_EVAL_CACHE=replay npx nx run @crucible\/env-math:eval --skip-nx-cache/);
    // Replayed: every request served from the cassette, none reached the model.
    expect(res.output).toMatch(/response cache \(replay, cassettes\/math\): 20 hits, 0 misses/);
    expect(res.output).toMatch(/0 pass -> fail, 0 fail -> pass \(of 20 pairs\)/);
    expect(res.output).toMatch(/eval-gate: PASS \(exit 0\)/);
    const md = await readFile(summary, 'utf8');
    expect(md).toMatch(/## Crucible compare: math - pass/);
    expect(md).toMatch(/SIMULATED/);
    expect(md).toMatch(/\*\*Gate: PASS\*\*/);
    // The run is kept with the reports, and a check writes nothing that is committed (the cassette only replays).
    expect(JSON.parse(await readFile(join(ws, 'runs/gate/math/run.json'), 'utf8')).runId).toBe('math-eval');
    expect((await git(['status', '--porcelain'])).stdout).toBe('');
  });

  it('evaluates nothing when no environment is affected', async () => {
    const res = await gate(['check', '--base', 'HEAD']);
    expect(res.exitCode, res.output).toBe(0);
    expect(res.output).not.toMatch(/nx run/);
    expect(await readFile(join(ws, 'runs/gate/summary.md'), 'utf8')).toMatch(/No environment package is affected by this change/);
  });

  it('fails a planted regression (a baseline on main better than the change), naming the flipped tasks', async () => {
    const file = join(ws, 'baselines', 'math', 'run', 'episodes.jsonl');
    const records = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Line);
    // Main passed every task: each task the change fails is now a pass -> fail flip.
    const planted = records.filter((r) => !r.score.passed).map((r) => r.taskId).sort();
    expect(planted.length).toBeGreaterThanOrEqual(6); // enough flips for McNemar p < 0.05 (2 / 2^6 = 0.031)
    for (const r of records) {
      r.score = { ...r.score, value: 1, passed: true };
      for (const s of r.samples) s.score = { ...s.score, value: 1, passed: true };
    }
    await writeFile(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    await git(['commit', '-qam', 'main, planted']);
    // The change itself restores the honest baseline: the gate still compares with main's.
    await git(['checkout', 'HEAD~1', '--', 'baselines']);
    const summary = join(base, 'step-summary-regression.md');
    const res = await gate(['check', '--envs', 'math', '--base', 'HEAD', '--out', join(base, 'out-regression')], { GITHUB_STEP_SUMMARY: summary });
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
    await writeFile(join(ws, 'baselines', 'math', 'gate.json'), JSON.stringify({ evalArgs: ['--samples', '2'], maxDrop: 0.5 }));
    const res = await gate(['check', '--envs', 'math', '--out', join(base, 'out-miss')]);
    expect(res.exitCode, res.output).toBe(1);
    expect(res.output).toMatch(/-- --no-trajectories --samples 2/);
    expect(res.output).toMatch(/requests were not in the cassette/);
    expect(res.output).toMatch(/FAIL: .*no pair could be compared/);
    const md = await readFile(join(base, 'out-miss', 'summary.md'), 'utf8');
    expect(md).toMatch(/the eval target exited 1 in replay mode\. A cassette miss means the prompts, tools or settings changed: re-record/);
    // A flag the eval target sets itself is refused by the target, and the report says where to look.
    await writeFile(join(ws, 'baselines', 'math', 'gate.json'), JSON.stringify({ evalArgs: ['--cache', 'off'] }));
    const refused = await gate(['check', '--envs', 'math', '--out', join(base, 'out-refused')]);
    expect(refused.exitCode, refused.output).toBe(1);
    expect(refused.output).toMatch(/eval: --cache cannot be passed to the eval target of @crucible\/env-math: set CRUCIBLE_EVAL_CACHE/);
    expect(await readFile(join(base, 'out-refused', 'summary.md'), 'utf8')).toMatch(/exited 1 in replay mode before it wrote a run: see the job log/);
    await writeFile(join(ws, 'baselines', 'math', 'gate.json'), JSON.stringify({ maxdrop: 0.5 }));
    const bad = await gate(['check', '--envs', 'math', '--out', join(base, 'out-bad')]);
    expect(bad.exitCode).toBe(2);
    expect(bad.output).toMatch(/gate\.json: unknown field "maxdrop" \(fields: maxDrop, alpha, failUnder, evalArgs\)/);
  });
});
