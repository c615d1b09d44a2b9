import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SUITE_TASKS } from '../src/index.js';
import { FIXTURES_DIR, readFixture } from '../src/suite/fixture-files.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

describe("the built-in suite's fixture repositories", () => {
  it('live in the package folder suite/, one folder per repository', async () => {
    expect(FIXTURES_DIR).toBe(path.join(PACKAGE_DIR, 'suite') + path.sep);
    const fixtures = [...new Set(SUITE_TASKS.map((t) => t.repo.fixture))].sort();
    expect(fixtures).toEqual(['tally', 'textkit']);
    expect((await readdir(FIXTURES_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()).toEqual(fixtures);
  });

  it('are read as the repository content: sorted paths, exact text, a stored gitignore as .gitignore', async () => {
    const tally = await readFixture('tally');
    expect(Object.keys(tally)).toEqual([...Object.keys(tally)].sort());
    expect(tally['.gitignore']).toBe('__pycache__/\n*.pyc\n');
    expect(tally['gitignore']).toBeUndefined();
    expect(tally['tests/__init__.py']).toBe('');
    expect(tally['tally/stats.py']).toMatch(/^"""Descriptive statistics/);
    // every visible test file is in the fixture
    for (const task of SUITE_TASKS) for (const file of Object.keys(task.repo.visibleTests)) expect(await readFixture(task.repo.fixture)).toHaveProperty([file]);
  });

  it('fail with an actionable error when the folder is missing', async () => {
    await expect(readFixture('no-such-repo')).rejects.toMatchObject({ code: 'env_error', retryable: false, hint: expect.stringContaining('reinstall') });
  });

  it('ship with the package (npm pack lists every fixture file)', async () => {
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PACKAGE_DIR });
    const packed = new Set((JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path));
    for (const name of ['tally', 'textkit']) {
      const stored = await readdir(path.join(FIXTURES_DIR, name), { recursive: true, withFileTypes: true });
      for (const e of stored.filter((f) => f.isFile())) {
        const rel = path.relative(PACKAGE_DIR, path.join(e.parentPath, e.name)).split(path.sep).join('/');
        expect(packed, rel).toContain(rel);
      }
    }
    expect(packed).toContain('src/suite/fixture-files.ts');
  });
});
