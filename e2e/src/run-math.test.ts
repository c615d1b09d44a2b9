import { readFile, readdir, writeFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EpisodeRecordSchema } from '@crucible/core';
import { crucible, tempDir } from './cli.js';

async function readEpisodes(runDir: string) {
  const text = await readFile(join(runDir, 'episodes.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => EpisodeRecordSchema.parse(JSON.parse(l)));
}

describe('crucible run --env math --model sim (subprocess, sim over real HTTP)', () => {
  it('writes a complete run directory and prints the results table', async () => {
    const out = await tempDir();
    const res = await crucible(['run', '--env', 'math', '--model', 'sim', '--tasks', '12', '--concurrency', '4', '--seed', '7', '--out', out, '--run-id', 'r1']);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/SIMULATED/);
    expect(res.stdout).toMatch(/accuracy/);
    expect(res.stdout).toMatch(/95% CI/);
    expect(res.stdout).toContain(join(out, 'r1'));
    const runDir = join(out, 'r1');
    const run = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8'));
    expect(run.env.name).toBe('math');
    expect(run.model).toMatchObject({ name: 'sim', testDouble: true });
    expect(run.tasks.count).toBe(12);
    const episodes = await readEpisodes(runDir);
    expect(episodes).toHaveLength(12);
    expect(new Set(episodes.map((e) => e.id)).size).toBe(12);
    for (const e of episodes) {
      expect(e.model.testDouble).toBe(true);
      expect(e.usage.calls).toBeGreaterThan(0);
      expect(e.usage.promptTokens).toBeGreaterThan(0);
      expect(e.samples).toHaveLength(1);
      expect(e.trajectory).toBeDefined();
    }
    const passed = episodes.filter((e) => e.score.passed).length;
    const summary = JSON.parse(await readFile(join(runDir, 'summary.json'), 'utf8'));
    expect(summary.testDouble).toMatch(/sim/i);
    expect(summary.summary.overall.tasks).toBe(12);
    expect(summary.summary.overall.passed).toBe(passed);
    const traj = JSON.parse(gunzipSync(await readFile(join(runDir, episodes[0]!.trajectory!))).toString());
    expect(traj.testDouble).toBe(true);
    expect(traj.samples[0].messages[0].role).toBe('system');
    const junit = await readFile(join(runDir, 'junit.xml'), 'utf8');
    expect(junit).toContain('tests="12"');
    expect((junit.match(/<testcase /g) ?? []).length).toBe(12);
    expect(await readFile(join(runDir, 'summary.md'), 'utf8')).toMatch(/SIMULATED/);
  });

  it('is reproducible: the same seed gives the same episodes and verdicts', async () => {
    const out = await tempDir();
    const a = await crucible(['run', '--env', 'math', '--model', 'sim', '--tasks', '8', '--seed', '3', '--out', out, '--run-id', 'a']);
    const b = await crucible(['run', '--env', 'math', '--model', 'sim', '--tasks', '8', '--seed', '3', '--out', out, '--run-id', 'b']);
    expect(a.exitCode).toBe(0);
    expect(b.exitCode).toBe(0);
    const key = (eps: Awaited<ReturnType<typeof readEpisodes>>) => eps.map((e) => `${e.id}:${e.score.answer}:${e.score.passed}`).sort();
    expect(key(await readEpisodes(join(out, 'b')))).toEqual(key(await readEpisodes(join(out, 'a'))));
  });

  it('resumes: drops a torn last line and runs only the missing episodes', async () => {
    const out = await tempDir();
    const args = ['run', '--env', 'math', '--model', 'sim', '--tasks', '10', '--out', out, '--run-id', 'res'];
    expect((await crucible(args)).exitCode).toBe(0);
    const path = join(out, 'res', 'episodes.jsonl');
    const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
    // keep 6 whole lines and half of the 7th, as a crash mid-append would
    await writeFile(path, `${lines.slice(0, 6).join('\n')}\n${lines[6]!.slice(0, 40)}`);
    const again = await crucible(args);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/resumed: 6 episodes were already recorded, 4 ran now/);
    expect(again.stdout).toMatch(/dropped a torn last line/);
    const episodes = await readEpisodes(join(out, 'res'));
    expect(episodes).toHaveLength(10);
    expect(new Set(episodes.map((e) => e.id)).size).toBe(10);
  });

  it('refuses to resume a run directory with a different configuration', async () => {
    const out = await tempDir();
    expect((await crucible(['run', '--env', 'math', '--model', 'sim', '--tasks', '3', '--out', out, '--run-id', 'x'])).exitCode).toBe(0);
    const res = await crucible(['run', '--env', 'math', '--model', 'sim', '--tasks', '3', '--seed', '9', '--out', out, '--run-id', 'x']);
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toMatch(/different configuration/);
  });

  it('evaluates a GSM8K-format dataset file', async () => {
    const dir = await tempDir();
    const data = join(dir, 'mini.jsonl');
    await writeFile(
      data,
      [
        { question: 'Ann has 3 apples and buys 4 more. How many apples does she have?', answer: 'She has 3 + 4 = 7 apples.\n#### 7' },
        { question: 'A pen costs $2. How much do 6 pens cost?', answer: '6 * 2 = 12\n#### 12' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const res = await crucible(['run', '--env', 'math', '--model', 'sim', '--dataset', data, '--out', dir, '--run-id', 'ds']);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(await readEpisodes(join(dir, 'ds'))).toHaveLength(2);
  });
});

describe('bad input fails fast with exit code 2 and a one-line error', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['non-numeric --tasks', ['run', '--env', 'math', '--model', 'sim', '--tasks', 'many'], /--tasks/],
    ['unknown environment', ['run', '--env', 'nope', '--model', 'sim'], /no environment named "nope".*crucible envs/],
    ['bad aggregate', ['run', '--env', 'math', '--model', 'sim', '--aggregate', 'mean'], /aggregate/],
    ['bad env config', ['run', '--env', 'math', '--model', 'sim', '--env-config', 'difficulty=9'], /difficulty/],
    ['unknown flag', ['run', '--env', 'math', '--model', 'sim', '--frobnicate'], /unknown option/],
    ['missing model', ['run', '--env', 'math'], /--model/],
    ['run id with a path in it', ['run', '--env', 'math', '--model', 'sim', '--run-id', '../escape'], /--run-id "\.\.\/escape"/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const out = await tempDir();
      const res = await crucible([...args, '--out', out]);
      expect(res.exitCode).toBe(2);
      expect(res.stderr).toMatch(message);
      // nothing was run: no run directory was created
      expect(await readdir(out)).toEqual([]);
    });
  }

  it('a malformed dataset line names file:line and runs nothing', async () => {
    const dir = await tempDir();
    const data = join(dir, 'bad.jsonl');
    await writeFile(data, `${JSON.stringify({ question: 'q', answer: 'a\n#### 1' })}\n{"question": "q2", "answer": 5}\n`);
    const res = await crucible(['run', '--env', 'math', '--model', 'sim', '--dataset', data, '--out', join(dir, 'runs')]);
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toContain('bad.jsonl:2');
    await expect(stat(join(dir, 'runs'))).rejects.toThrow();
  });
});

describe('response cache (cassettes for CI)', () => {
  it('records, then replays the same run without calling the model; a miss fails the run', async () => {
    const out = await tempDir();
    const cassette = join(out, 'cassette');
    const base = ['run', '--env', 'math', '--model', 'sim', '--samples', '3', '--seed', '5', '--out', out, '--cache-dir', cassette];
    const rec = await crucible([...base, '--tasks', '6', '--cache', 'read-write', '--run-id', 'rec']);
    expect(rec.exitCode, rec.stderr).toBe(0);
    expect(rec.stdout).toMatch(/response cache \(read-write.*\): 0 hits, 6 misses/);
    const rep = await crucible([...base, '--tasks', '6', '--cache', 'replay', '--run-id', 'rep']);
    expect(rep.exitCode, rep.stderr).toBe(0);
    expect(rep.stdout).toMatch(/6 hits, 0 misses/);
    expect(rep.stdout).toMatch(/sim served 0 samples/);
    const key = async (id: string) => (await readEpisodes(join(out, id))).map((e) => `${e.taskId}:${e.score.answer}:${e.usage.completionTokens}`).sort();
    expect(await key('rep')).toEqual(await key('rec'));
    const miss = await crucible([...base, '--tasks', '7', '--cache', 'replay', '--run-id', 'miss']);
    expect(miss.exitCode).toBe(1);
    expect(miss.stderr).toMatch(/1 requests were not in the cassette/);
  });
});
