import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crucible, tempDir } from './cli.js';

let dir: string;
const run = (id: string, extra: string[], tasks = 60) => crucible(['run', '--env', 'math', '--model', 'sim', '--tasks', String(tasks), '--out', dir, '--run-id', id, '--no-trajectories', ...extra]);

interface Line {
  id: string;
  taskId: string;
  status: string;
  score: { passed: boolean };
}
const lines = async (id: string): Promise<Line[]> => (await readFile(join(dir, id, 'episodes.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Line);

beforeAll(async () => {
  dir = await tempDir('crucible-compare-');
  // A real drop: the same tasks at high effort (base) and at minimal effort with a hot temperature (new).
  const results = await Promise.all([run('base', ['--reasoning-effort', 'high']), run('worse', ['--reasoning-effort', 'minimal', '--temperature', '1.5']), run('small', [], 30)]);
  for (const r of results) expect(r.exitCode, r.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('crucible compare (real sim runs)', () => {
  it('passes a run against itself: no flips, zero delta, p = 1, Markdown written', async () => {
    const md = join(dir, 'self.md');
    const res = await crucible(['compare', join(dir, 'base'), join(dir, 'base'), '--markdown', md]);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/SIMULATED/);
    expect(res.stdout).toMatch(/accuracy\s+\d+\.\d%\s+\d+\.\d%\s+0\.0\s+\[0\.0, 0\.0\]\s+1\.0000/);
    expect(res.stdout).toMatch(/0 pass -> fail, 0 fail -> pass \(of 60 pairs\)/);
    const text = await readFile(md, 'utf8');
    expect(text).toMatch(/^## Crucible compare: math - pass/);
    expect(text).toMatch(/SIMULATED/);
    expect(text).toMatch(/\*\*PASS\*\*/);
  });

  it('fails a significant drop (exit 1) and lists exactly the tasks that flipped', async () => {
    const json = join(dir, 'worse.json');
    const res = await crucible(['compare', join(dir, 'base'), join(dir, 'worse'), '--json', json, '--markdown', join(dir, 'worse.md')]);
    expect(res.exitCode, res.stdout + res.stderr).toBe(1);
    expect(res.stdout).toMatch(/FAIL: .*accuracy dropped [\d.]+ points .*McNemar p = [\d.e-]+ < --alpha 0\.05/);
    const out = JSON.parse(await readFile(json, 'utf8'));
    const s = out.comparison.settings[0];
    // The flips, recomputed here from the two episodes.jsonl files.
    const base = new Map((await lines('base')).map((l) => [l.taskId, l.score.passed]));
    const worse = await lines('worse');
    const passToFail = worse.filter((l) => base.get(l.taskId) && !l.score.passed).map((l) => l.taskId).sort();
    const failToPass = worse.filter((l) => !base.get(l.taskId) && l.score.passed).map((l) => l.taskId).sort();
    expect(s.flips).toEqual({ passToFail, failToPass });
    expect(s.mcnemar.b).toBe(passToFail.length);
    expect(s.mcnemar.c).toBe(failToPass.length);
    expect(s.mcnemar.pValue).toBeLessThan(0.05);
    expect(s.accuracy.diff.high).toBeLessThan(0);
    expect(out.verdict.pass).toBe(false);
    for (const id of passToFail) expect(res.stdout).toContain(id);
    expect(await readFile(join(dir, 'worse.md'), 'utf8')).toMatch(/REGRESSION[\s\S]*pass → fail: `math\//);
  });

  it('tolerates a drop within --max-drop, and applies --fail-under floors', async () => {
    const [tolerated, floor, bad] = await Promise.all([
      crucible(['compare', join(dir, 'base'), join(dir, 'worse'), '--max-drop', '0.5']),
      crucible(['compare', join(dir, 'base'), join(dir, 'base'), '--fail-under', 'accuracy=0.99']),
      crucible(['compare', join(dir, 'base'), join(dir, 'base'), '--fail-under', 'pass@4=0.5']),
    ]);
    expect(tolerated.exitCode).toBe(0);
    expect(floor.exitCode).toBe(1);
    expect(floor.stdout).toMatch(/FAIL: .*accuracy [\d.]+% is below the floor 99\.0%/);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/pass@4.*1 samples per task/);
  });

  it('refuses different task sets (exit 2, one line) unless --intersection', async () => {
    const [res, inter] = await Promise.all([
      crucible(['compare', join(dir, 'base'), join(dir, 'small')]),
      crucible(['compare', join(dir, 'base'), join(dir, 'small'), '--intersection', '--json', '-']),
    ]);
    expect(res.exitCode).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/task sets differ: 30 shared, 30 only in BASE, 0 only in NEW.*--intersection/);
    expect([0, 1]).toContain(inter.exitCode);
    expect(JSON.parse(inter.stdout).comparison.tasks).toEqual({ shared: 30, onlyBase: 30, onlyNew: 0 });
    expect(inter.stderr).toMatch(/intersection: 30 shared tasks compared/);
  });

  it('refuses runs of another environment and directories that are not runs', async () => {
    await cp(join(dir, 'base'), join(dir, 'other-env'), { recursive: true });
    const runJson = JSON.parse(await readFile(join(dir, 'other-env', 'run.json'), 'utf8'));
    await writeFile(join(dir, 'other-env', 'run.json'), JSON.stringify({ ...runJson, env: { ...runJson.env, name: 'code-repo' } }));
    const [res, none] = await Promise.all([crucible(['compare', join(dir, 'base'), join(dir, 'other-env')]), crucible(['compare', join(dir, 'base'), join(dir, 'no-such-run')])]);
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toMatch(/environment "math" .* of "code-repo"/);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/NEW .*no-such-run: no run.json there/);
  });

  it('reads the latest record per episode and excludes infra errors from both sides, saying so', async () => {
    await cp(join(dir, 'worse'), join(dir, 'errored'), { recursive: true });
    const [first, second] = await lines('errored');
    // A later record of the same episode supersedes the first: now an infra error.
    const rerun = { ...JSON.parse(JSON.stringify(first)), status: 'error', error: { code: 'endpoint_error', message: 'HTTP 503 after retries' } };
    await writeFile(join(dir, 'errored', 'episodes.jsonl'), `${(await readFile(join(dir, 'errored', 'episodes.jsonl'), 'utf8'))}${JSON.stringify(rerun)}\n`);
    const res = await crucible(['compare', join(dir, 'base'), join(dir, 'errored'), '--json', '-']);
    const s = JSON.parse(res.stdout).comparison.settings[0];
    expect(s.excluded).toEqual({ baseErrors: 0, newErrors: 1, pairs: 1 });
    expect(s.pairs).toBe(59);
    expect(s.flips.passToFail).not.toContain(first!.taskId);
    expect(s.flips.failToPass).not.toContain(first!.taskId);
    expect(second).toBeDefined();
    expect(res.stderr).toMatch(/1 pairs excluded from both sides because of infra errors \(0 error episodes in BASE, 1 in NEW\)/);
  });
});
