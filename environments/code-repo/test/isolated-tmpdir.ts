import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Vitest global setup: every test process gets a TMPDIR of its own for this run, removed at the end. The product
 * keeps its caches in the temp dir on purpose (the built suite `crucible-code-repo-suite-*`, mirrors in
 * `crucible-repos`) so later runs reuse them; a test run must not leave them behind, nor reuse a user's.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const outer = process.env['TMPDIR'];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'crucible-code-repo-tests-'));
  process.env['TMPDIR'] = dir;
  return async () => {
    if (outer === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = outer;
    const left = await readdir(dir).catch(() => []);
    if (process.env['CRUCIBLE_TEST_TMP_REPORT']) console.log(`test TMPDIR ${dir} held: ${left.join(', ') || '(nothing)'}`);
    await rm(dir, { recursive: true, force: true });
  };
}
