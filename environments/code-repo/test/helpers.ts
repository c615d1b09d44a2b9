import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runGitOk } from '../src/workspace/git.js';

const made: string[] = [];

/** A fresh temp directory, deleted by {@link cleanTempDirs}. */
export async function tempDir(prefix = 'code-repo-test-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Deletes every directory {@link tempDir} made. */
export async function cleanTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** Writes files (relative paths) under a directory. */
export async function writeTree(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
}

/** A git repository with one commit of `files`; returns the commit hash. */
export async function makeRepo(dir: string, files: Record<string, string | Buffer>): Promise<string> {
  await writeTree(dir, files);
  await runGitOk(['init', '--quiet', '--initial-branch=main'], { cwd: dir });
  await runGitOk(['add', '-A'], { cwd: dir });
  await runGitOk(['commit', '--quiet', '-m', 'base'], { cwd: dir });
  return (await runGitOk(['rev-parse', 'HEAD'], { cwd: dir })).trim();
}

/** Writes instances as JSONL (objects are serialised; strings are written as they are). */
export async function writeJsonl(file: string, rows: Array<object | string>): Promise<string> {
  await writeFile(file, rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n');
  return file;
}

/** A tiny node:test repository with one bug (add subtracts) and its instance fields. */
export async function tinyNodeRepo(dir: string): Promise<{ commit: string; instance: Record<string, unknown> }> {
  const commit = await makeRepo(dir, {
    'src/math.mjs': 'export function add(a, b) {\n  return a - b;\n}\n\nexport function mul(a, b) {\n  return a * b;\n}\n',
    'test/mul.test.mjs':
      "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { mul } from '../src/math.mjs';\n\ntest('mul multiplies', () => {\n  assert.equal(mul(2, 3), 6);\n});\n",
  });
  const instance = {
    instance_id: 'tiny-1',
    repo: path.basename(dir),
    base_commit: commit,
    problem_statement: 'add(2, 3) returns -1 instead of 5.',
    patch: [
      'diff --git a/src/math.mjs b/src/math.mjs',
      '--- a/src/math.mjs',
      '+++ b/src/math.mjs',
      '@@ -1,3 +1,3 @@',
      ' export function add(a, b) {',
      '-  return a - b;',
      '+  return a + b;',
      ' }',
      '',
    ].join('\n'),
    test_patch: [
      'diff --git a/test/add.test.mjs b/test/add.test.mjs',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/test/add.test.mjs',
      '@@ -0,0 +1,7 @@',
      "+import { test } from 'node:test';",
      "+import assert from 'node:assert/strict';",
      "+import { add } from '../src/math.mjs';",
      '+',
      "+test('add adds', () => {",
      '+  assert.equal(add(2, 3), 5);',
      '+});',
      '',
    ].join('\n'),
    FAIL_TO_PASS: ['add adds'],
    PASS_TO_PASS: ['mul multiplies'],
    test_framework: 'node-test',
    visible_tests: ['mul multiplies'],
  };
  return { commit, instance };
}

/** Overlay mounts (this mount namespace) whose layers live under `dir`: what a leaked workspace would leave. */
export async function overlaysUnder(dir: string): Promise<string[]> {
  const info = await readFile('/proc/self/mountinfo', 'utf8');
  return info.split('\n').filter((line) => / - overlay /.test(line) && line.includes(dir));
}
