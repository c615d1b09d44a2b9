import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, crucible, tempDir } from './cli.js';

let dir: string;
let runDir: string;
const REPORTS = ['summary.json', 'summary.md', 'junit.xml', 'report.html'];

beforeAll(async () => {
  dir = await tempDir('crucible-report-');
  runDir = join(dir, 'r1');
  const res = await crucible(['run', '--env', 'math', '--model', 'sim', '--tasks', '6', '--out', dir, '--run-id', 'r1']);
  expect(res.exitCode, res.stderr).toBe(0);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('crucible report', () => {
  it('regenerates every report from run.json and episodes.jsonl, equal to what the run wrote', async () => {
    const before = Object.fromEntries(await Promise.all(REPORTS.map(async (f) => [f, await readFile(join(runDir, f), 'utf8')] as const)));
    await Promise.all(REPORTS.map((f) => rm(join(runDir, f))));
    const res = await crucible(['report', runDir]);
    expect(res.exitCode, res.stderr).toBe(0);
    for (const f of REPORTS) expect(res.stdout).toContain(`wrote ${join(runDir, f)}`);
    expect(res.stdout).toMatch(/SIMULATED/);
    for (const f of ['summary.json', 'summary.md', 'junit.xml']) expect(await readFile(join(runDir, f), 'utf8'), f).toBe(before[f]);
    expect((await stat(join(runDir, 'report.html'))).size).toBeGreaterThan(1000);
  });

  it('refuses a directory that holds no run (exit 2)', async () => {
    const res = await crucible(['report', join(dir, 'nothing-here')]);
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toMatch(/holds no run.json \(pass a run directory/);
  });
});

describe('crucible view', () => {
  it('serves the report and the run files on 127.0.0.1, refuses paths outside, stops on Ctrl-C', async () => {
    const server = execa('node', [BIN, 'view', runDir, '--port', '0'], { cwd: ROOT, reject: false });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let buf = '';
        server.stdout!.on('data', (d: Buffer) => {
          buf += d.toString();
          const m = /at (http:\/\/127\.0\.0\.1:\d+\/) \(Ctrl-C stops\)/.exec(buf);
          if (m) resolve(m[1]!);
        });
        server.once('exit', () => reject(new Error(`view exited: ${buf}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toBe(await readFile(join(runDir, 'report.html'), 'utf8'));
      const summary = await fetch(`${url}summary.json`);
      expect(summary.headers.get('content-type')).toMatch(/application\/json/);
      expect(((await summary.json()) as { runId: string }).runId).toBe('r1');
      const episode = JSON.parse((await readFile(join(runDir, 'episodes.jsonl'), 'utf8')).split('\n')[0]!) as { trajectory: string };
      const trajectory = await fetch(`${url}${episode.trajectory}`);
      expect(trajectory.status).toBe(200);
      expect(Buffer.from(await trajectory.arrayBuffer()).equals(await readFile(join(runDir, episode.trajectory)))).toBe(true);
      // Encoded slashes survive URL normalisation; the decoded path would leave the run directory.
      expect((await fetch(`${url}..%2f..%2f..%2fetc%2fpasswd`)).status).toBe(403);
      expect((await fetch(`${url}%zz`)).status).toBe(400);
      expect((await fetch(`${url}missing.txt`)).status).toBe(404);
      expect((await fetch(url, { method: 'POST' })).status).toBe(405);
    } finally {
      server.kill('SIGINT');
    }
    const done = await server;
    expect(done.exitCode).toBe(0);
  });
});
