import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crucible, simServe, tempDir } from './cli.js';

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await allFiles(p)));
    else out.push(p);
  }
  return out;
}

describe('crucible sim serve + run against it (two processes, real HTTP)', () => {
  it('serves the sim standalone; a run registers hints out of band and never leaks the API key', async () => {
    const { url, stop } = await simServe(['--latency-ms', '5']);
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const out = await tempDir();
      const secret = 'sk-test-SECRET-e2e-0123456789';
      const res = await crucible(['run', '--env', 'math', '--model', 'sim', '--base-url', url, '--tasks', '6', '--out', out, '--run-id', 'ext'], {
        env: { OPENAI_API_KEY: secret },
      });
      expect(res.exitCode, res.stderr).toBe(0);
      expect(res.stdout).toMatch(/SIMULATED/);
      const stats = (await (await fetch(url.replace(/\/v1$/, '/sim/stats'))).json()) as { requests: number; tasks: number };
      expect(stats.requests).toBeGreaterThanOrEqual(6);
      expect(stats.tasks).toBeGreaterThanOrEqual(6);
      const episodes = (await readFile(join(out, 'ext', 'episodes.jsonl'), 'utf8')).trim().split('\n');
      expect(episodes).toHaveLength(6);
      // the sim knew the tasks (hints registered out of band): some answers are right
      expect(episodes.some((l) => JSON.parse(l).score.passed)).toBe(true);
      for (const file of await allFiles(join(out, 'ext'))) {
        const raw = await readFile(file);
        const text = file.endsWith('.gz') ? gunzipSync(raw).toString() : raw.toString();
        expect(text, file).not.toContain(secret);
      }
      expect(res.stdout + res.stderr).not.toContain(secret);
    } finally {
      await stop();
    }
  });
});

describe('crucible grade math', () => {
  it('grades one case', async () => {
    const res = await crucible(['grade', 'math', '--gold', '\\frac12', '--pred', 'so we get \\boxed{0.5}']);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ equal: true, extracted: '0.5' });
  });

  it('grades a JSONL file, one verdict per line', async () => {
    const dir = await tempDir();
    const file = join(dir, 'cases.jsonl');
    await writeFile(
      file,
      [
        { gold: '1000', pred: 'The total is 1,000 dollars.' },
        { gold: '1/2', pred: '#### 3/6' },
        { gold: '12', pred: 'the answer is 123' },
      ]
        .map((c) => JSON.stringify(c))
        .join('\n'),
    );
    const res = await crucible(['grade', 'math', '--jsonl', file]);
    expect(res.exitCode, res.stderr).toBe(0);
    const verdicts = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(verdicts.map((v) => v.equal)).toEqual([true, true, false]);
    expect(verdicts.every((v) => typeof v.rule === 'string')).toBe(true);
  });

  it('a malformed JSONL line is a usage error naming file:line', async () => {
    const dir = await tempDir();
    const file = join(dir, 'bad.jsonl');
    await writeFile(file, '{"gold": "1", "pred": "1"}\n{"gold": 1\n');
    const res = await crucible(['grade', 'math', '--jsonl', file]);
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toContain('bad.jsonl:2');
    expect(res.stdout).toBe('');
  });
});

describe('discoverability', () => {
  it('crucible envs lists the installed environments', async () => {
    const res = await crucible(['envs']);
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toMatch(/^math\s/m);
    expect(res.stdout).toMatch(/^code-repo\s/m);
  });

  it('every command has --help', async () => {
    for (const cmd of [[], ['run'], ['sweep'], ['envs'], ['grade'], ['grade', 'math'], ['grade', 'code-repo'], ['sim'], ['sim', 'serve']]) {
      const res = await crucible([...cmd, '--help']);
      expect(res.exitCode, cmd.join(' ')).toBe(0);
      expect(res.stdout, cmd.join(' ')).toMatch(/Usage: crucible/);
    }
  });
});
