import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, crucible, deadPort, simServe, tempDir } from './cli.js';

const exists = (path: string) => stat(path).then(() => true, () => false);
const json = async (path: string) => JSON.parse(await readFile(path, 'utf8'));

/** What a user error must look like: one line on stderr, no stack trace. */
function expectOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('model: sim'));
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('runs that tell the truth (the real binary, the sim over real HTTP)', () => {
  it('a dead endpoint fails before any episode: exit 2 and one line naming the URL and the cause', async () => {
    const out = await tempDir();
    const url = `http://127.0.0.1:${await deadPort()}/v1`;
    const res = await crucible(['run', '--env', 'math', '--model', 'some-model', '--base-url', url, '--tasks', '100', '--out', out, '--run-id', 'dead']);
    expect(res.exitCode, res.stderr).toBe(2);
    expectOneLine(res.stderr, new RegExp(`^crucible: endpoint check failed: cannot reach ${url.replace(/[.]/g, '\\.')} \\(model some-model\\): .*ECONNREFUSED`));
    expect(await exists(join(out, 'dead'))).toBe(false); // nothing ran, nothing written
  });

  it('a budget-stopped run exits 3 and summary.json, summary.md, junit.xml and report.html say PARTIAL RUN', async () => {
    const out = await tempDir();
    const res = await crucible(['run', '--env', 'math', '--model', 'sim', '--tasks', '40', '--concurrency', '1', '--max-run-tokens', '2500', '--out', out, '--run-id', 'budget']);
    expect(res.exitCode, res.stderr).toBe(3);
    const dir = join(out, 'budget');
    const summary = await json(join(dir, 'summary.json'));
    expect(summary.complete).toBe(false);
    const { completeness: c } = summary;
    expect(c).toMatchObject({ complete: false, planned: 40, errors: 0, reason: 'budget', detail: 'token budget of 2500 reached' });
    expect(c.done).toBeGreaterThan(0);
    expect(c.done + c.skipped).toBe(40);
    const banner = `PARTIAL RUN (stopped by the run budget: token budget of 2500 reached): ${c.done} of 40 episodes scored, 0 errors, ${c.skipped} not run`;
    expect(res.stdout.split('\n')[0]).toContain(banner); // first thing on the console
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toContain(banner);
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain(banner);
    const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
    expect((junit.match(/<skipped /g) ?? []).length).toBe(c.skipped);
    expect((junit.match(/<testcase /g) ?? []).length).toBe(40);
  });

  it('a cancelled run (SIGINT) exits 130 and its outputs are marked partial', async () => {
    const out = await tempDir();
    const child = execa('node', [BIN, 'run', '--env', 'math', '--model', 'sim', '--tasks', '400', '--concurrency', '1', '--out', out, '--run-id', 'cancel'], { cwd: ROOT, reject: false, timeout: 120_000 });
    // Interrupt once episodes are being recorded (the first progress line).
    await new Promise<void>((resolve) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        if (/\[\d+\/400\]/.test(chunk.toString())) resolve();
      });
    });
    child.kill('SIGINT');
    const res = await child;
    expect(res.exitCode, String(res.stderr)).toBe(130);
    const summary = await json(join(out, 'cancel', 'summary.json'));
    expect(summary.completeness).toMatchObject({ complete: false, planned: 400, reason: 'cancelled' });
    expect(summary.completeness.skipped).toBeGreaterThan(0);
    expect(String(res.stdout)).toMatch(/^PARTIAL RUN \(cancelled\): \d+ of 400 episodes scored/);
    expect(await readFile(join(out, 'cancel', 'summary.md'), 'utf8')).toContain('PARTIAL RUN (cancelled)');
  });

  it('bad --out, --cache-dir and --run-id fail before anything starts: exit 2, one line, no stack', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    const run = (...args: string[]) => crucible(['run', '--env', 'math', '--model', 'sim', '--tasks', '2', ...args], { timeout: 60_000 });
    const cases: Array<[string[], RegExp]> = [
      [['--out', file], /^crucible: --out .*a-file: .*a-file is a file, not a directory/],
      [['--out', join(file, 'runs')], /^crucible: --out .*a-file\/runs: .*a-file is a file, not a directory/],
      // Node's recursive mkdir spins forever here (mkdir(2) answers ENOENT for /proc/1 that exists).
      [['--out', '/proc/1/x'], /^crucible: --out \/proc\/1\/x: .*cannot be created/],
      [['--out', dir, '--cache', 'read-write', '--cache-dir', file], /^crucible: --cache-dir .*a-file is a file, not a directory/],
      [['--out', dir, '--cache', 'replay', '--cache-dir', join(dir, 'no-cassette')], /^crucible: --cache-dir .*no-cassette does not exist/],
      [['--out', dir, '--run-id', '../escape'], /^crucible: --run-id "\.\.\/escape" may hold only/],
    ];
    const results = await Promise.all(cases.map(([args]) => run(...args)));
    results.forEach((res, i) => {
      expect(res.exitCode, `${cases[i]![0].join(' ')}: ${res.stderr}`).toBe(2);
      expectOneLine(res.stderr, cases[i]![1]);
    });
  });

  it('one definition of a vote: on a run with ties, the Results accuracy equals maj@N exactly', async () => {
    const out = await tempDir();
    const res = await crucible(['run', '--env', 'math', '--model', 'sim', '--tasks', '60', '--samples', '8', '--aggregate', 'vote', '--seed', '5', '--env-config', 'difficulty=5', '--out', out, '--run-id', 'vote']);
    expect(res.exitCode, res.stderr).toBe(0);
    const dir = join(out, 'vote');
    const episodes = (await readFile(join(dir, 'episodes.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const ties = episodes.filter((e) => Array.isArray(e.score.details.tiedAnswers));
    expect(ties.length).toBeGreaterThan(0); // the case that used to disagree is there
    const { summary } = await json(join(dir, 'summary.json'));
    const maj8 = summary.kCurves.find((k: { k: number }) => k.k === 8);
    expect(maj8.tasks).toBe(60);
    expect(summary.overall.accuracy.mean).toBeCloseTo(maj8.majAtK.mean, 12);
    // and the printed tables agree to the digit
    const accuracy = /samples=8 aggregate=vote\s+60\s+60\s+(\d+\.\d)%/.exec(res.stdout)?.[1];
    const printedMaj = /samples=8 aggregate=vote\s+8\s+\d+\.\d%\s+(\d+\.\d)%/.exec(res.stdout)?.[1];
    expect(accuracy, res.stdout).toBeDefined();
    expect(printedMaj, res.stdout).toBe(accuracy);
  });

  it('an unexpected error is one line and where to report it; the stack only with --debug or CRUCIBLE_DEBUG=1', async () => {
    const dir = await tempDir();
    // A shard directory whose episodes.jsonl is a directory: a state no check anticipates.
    const manifest = { format: 2, runId: 'x', createdAt: new Date(0).toISOString(), identityHash: 'x', env: { name: 'math', version: '1.0.0', config: {} }, model: { name: 'sim', testDouble: true }, points: [], epochs: 1, seed: 0, tasks: { count: 0, ids: [] } };
    await writeFile(join(dir, 'run.json'), JSON.stringify(manifest));
    await mkdir(join(dir, 'episodes.jsonl'));
    const [plain, debug, envDebug] = await Promise.all([
      crucible(['merge', dir, '--out', join(dir, 'm1')]),
      crucible(['merge', dir, '--out', join(dir, 'm2'), '--debug']),
      crucible(['merge', dir, '--out', join(dir, 'm3')], { env: { CRUCIBLE_DEBUG: '1' } }),
    ]);
    expect(plain.exitCode).toBe(1);
    expectOneLine(plain.stderr, /^crucible: unexpected error: .*EISDIR.*rerun with --debug for the stack trace; please report it/);
    for (const res of [debug, envDebug]) {
      expect(res.exitCode).toBe(1);
      expect(res.stderr).toMatch(/crucible: unexpected error: Error: EISDIR[^\n]*\n\s+at /);
    }
  });

  it('a hung endpoint: --request-timeout bounds each request and the circuit breaker stops the run, resumable', async () => {
    // The sim lists its model at once but takes 5 s per completion: the start check passes, the run then hangs.
    const { url, stop } = await simServe(['--latency-ms', '5000']);
    try {
      const out = await tempDir();
      const res = await crucible(['run', '--env', 'math', '--model', 'sim', '--base-url', url, '--tasks', '30', '--concurrency', '2', '--request-timeout', '0.2', '--stop-after-errors', '2', '--out', out, '--run-id', 'hung']);
      expect(res.exitCode, res.stderr).toBe(1);
      const { completeness } = await json(join(out, 'hung', 'summary.json'));
      expect(completeness).toMatchObject({ complete: false, planned: 30, done: 0, reason: 'endpoint_down' });
      expect(completeness.errors).toBeGreaterThanOrEqual(2);
      expect(completeness.skipped).toBe(30 - completeness.errors);
      expect(res.stdout).toMatch(/^PARTIAL RUN \(stopped: the endpoint went down: \d+ episodes in a row failed/);
      // nothing was scored: the accuracy column says so instead of printing NaN
      expect(res.stdout).not.toContain('NaN');
      // the end of the console: the top errors with counts, then how to resume
      expect(res.stdout).toMatch(/most frequent errors:\n\s+\d+ x request to .* (timed out|no token within the request timeout)/);
      expect(res.stdout).toMatch(/stopped: .*endpoint check failed: request to .* timed out.*rerun with the same --run-id to resume/);
    } finally {
      await stop();
    }
  });
});
