import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crucible, tempDir } from './cli.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function outDir(): Promise<string> {
  const dir = await tempDir('crucible-e2e-nosandbox-');
  dirs.push(dir);
  return dir;
}

// CRUCIBLE_BWRAP=none makes the environment see a machine without bubblewrap.
const noBwrap = { env: { CRUCIBLE_BWRAP: 'none' } };

describe('code-repo without bubblewrap (the real CLI binary)', () => {
  it.each([
    ['run', ['run', '--env', 'code-repo', '--model', 'sim', '--tasks', '2']],
    ['sweep', ['sweep', '--env', 'code-repo', '--model', 'sim', '--tasks', '2', '--grid', 'samples=1,2']],
  ])('%s refuses up front with exit 2 and one line, before any episode or model call', async (_name, args) => {
    const out = await outDir();
    const res = await crucible([...args, '--out', out, '--run-id', 'refused'], noBwrap);
    expect(res.exitCode, res.stderr).toBe(2);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^crucible: .*will not run commands without a sandbox: bubblewrap is turned off \(CRUCIBLE_BWRAP=none\).*--unsafe-no-sandbox/);
    // Nothing started: no run directory, no sim banner on stderr, no table on stdout.
    expect(await readdir(out)).toEqual([]);
    expect(res.stdout).toBe('');
  });

  it('runs with --unsafe-no-sandbox: the episode is scored, not an error', async () => {
    const out = await outDir();
    const res = await crucible(['run', '--env', 'code-repo', '--model', 'sim', '--tasks', '1', '--out', out, '--run-id', 'unsafe', '--unsafe-no-sandbox'], { ...noBwrap, timeout: 180_000 });
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/accuracy/);
    const episodes = (await readFile(join(out, 'unsafe', 'episodes.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { status: string });
    expect(episodes.map((e) => e.status)).toEqual(['ok']);
  }, 180_000);
});
