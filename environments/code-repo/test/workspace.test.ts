import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPatch } from '../src/workspace/apply-patch.js';
import { withFileLock } from '../src/workspace/file-lock.js';
import { runGitOk } from '../src/workspace/git.js';
import { ensureCommit, ensureMirror } from '../src/workspace/mirror.js';
import { diffAgainstBase } from '../src/workspace/model-patch.js';
import { createWorktree, removeWorktree } from '../src/workspace/worktree.js';
import { cleanTempDirs, makeRepo, tempDir, writeTree } from './helpers.js';

const run = promisify(execFile);
let dir: string;
let source: string;
let base: string;

beforeAll(async () => {
  dir = await tempDir('code-repo-workspace-');
  source = path.join(dir, 'source');
  base = await makeRepo(source, {
    'a.txt': 'alpha\n',
    'gone.txt': 'to be deleted\n',
    'latin1.txt': Buffer.from('caf\xe9\n', 'latin1'),
  });
});

afterAll(cleanTempDirs);

describe('mirrors', () => {
  it('are cloned once for concurrent callers in one process', async () => {
    const cache = path.join(dir, 'cache-a');
    const mirrors = await Promise.all([1, 2, 3, 4].map(() => ensureMirror(source, cache)));
    expect(new Set(mirrors).size).toBe(1);
    expect(await readdir(cache)).toEqual([path.basename(mirrors[0] ?? '')]);
  });

  it('are cloned once for concurrent processes sharing a cache', async () => {
    const cache = path.join(dir, 'cache-b');
    const script = path.join(dir, 'child.mts');
    const mirrorModule = path.resolve(import.meta.dirname, '../src/workspace/mirror.ts');
    await writeFile(script, `import { ensureMirror } from ${JSON.stringify(mirrorModule)};\nconsole.log(await ensureMirror(process.argv[2], process.argv[3]));\n`);
    const children = await Promise.all(
      [1, 2, 3].map(() => run(process.execPath, ['--conditions=development', '--import', 'tsx', script, source, cache], { cwd: path.resolve(import.meta.dirname, '..') })),
    );
    expect(new Set(children.map((c) => c.stdout.trim())).size).toBe(1);
    expect(await readdir(cache)).toEqual([path.basename(children[0]?.stdout.trim() ?? '')]);
  });

  it('fetch commits the source gained after the mirror was made', async () => {
    const cache = path.join(dir, 'cache-c');
    const upstream = path.join(dir, 'upstream');
    await makeRepo(upstream, { 'x.txt': 'one\n' });
    const mirror = await ensureMirror(upstream, cache);
    await writeFile(path.join(upstream, 'x.txt'), 'two\n');
    await runGitOk(['commit', '--quiet', '-am', 'second'], { cwd: upstream });
    const next = (await runGitOk(['rev-parse', 'HEAD'], { cwd: upstream })).trim();
    expect(await ensureCommit(mirror, next)).toBe(next);
    expect(await ensureCommit(mirror, next.slice(0, 10))).toBe(next);
    expect(await ensureCommit(mirror, 'f'.repeat(40))).toBeUndefined();
  });
});

describe('file locks', () => {
  it('take over a lock whose owner is gone', async () => {
    const lock = path.join(dir, 'stale.lock');
    await writeFile(lock, '999999999');
    expect(await withFileLock(lock, async () => 'got it')).toBe('got it');
  });

  it('serialise holders', async () => {
    const lock = path.join(dir, 'busy.lock');
    const order: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((id) =>
        withFileLock(lock, async () => {
          order.push(`${id}+`);
          await sleep(20);
          order.push(`${id}-`);
        }),
      ),
    );
    for (let i = 0; i < order.length; i += 2) expect(order[i]?.[0]).toBe(order[i + 1]?.[0]);
  });
});

describe('model patches', () => {
  it('hold new, deleted, binary and non-UTF-8 files, and apply back byte for byte', async () => {
    const mirror = await ensureMirror(source, path.join(dir, 'cache-d'));
    const worktree = await createWorktree(mirror, base);
    const fresh = await createWorktree(mirror, base);
    try {
      const binary = Buffer.from([0, 1, 2, 255, 254, 0, 10, 13]);
      await writeTree(worktree.path, { 'bin/data.bin': binary, 'new.txt': 'hello\n', 'latin1.txt': Buffer.from('na\xefve caf\xe9\n', 'latin1') });
      await runGitOk(['rm', '--quiet', 'gone.txt'], { cwd: worktree.path });
      const patch = await diffAgainstBase(worktree);
      expect(patch).toContain('GIT binary patch');
      expect(patch).toContain('deleted file mode');
      expect(patch).toContain('+hello');
      expect(await applyPatch(fresh, patch)).toEqual({ ok: true });
      expect(await readFile(path.join(fresh.path, 'bin/data.bin'))).toEqual(binary);
      expect(await readFile(path.join(fresh.path, 'latin1.txt'))).toEqual(Buffer.from('na\xefve caf\xe9\n', 'latin1'));
      expect(await readdir(fresh.path)).not.toContain('gone.txt');
    } finally {
      await removeWorktree(worktree);
      await removeWorktree(fresh);
    }
  });

  it('see a same-size edit made in the second of the checkout', async () => {
    const mirror = await ensureMirror(source, path.join(dir, 'cache-d'));
    const worktree = await createWorktree(mirror, base);
    try {
      await writeFile(path.join(worktree.path, 'a.txt'), 'ALPHA\n');
      await sleep(1100);
      expect(await diffAgainstBase(worktree)).toContain('+ALPHA');
    } finally {
      await removeWorktree(worktree);
    }
  });

  it('are empty for an untouched checkout', async () => {
    const mirror = await ensureMirror(source, path.join(dir, 'cache-d'));
    const worktree = await createWorktree(mirror, base);
    expect(await diffAgainstBase(worktree)).toBe('');
    await removeWorktree(worktree);
  });
});

describe('worktree removal', () => {
  it('cleans up even when the checkout’s .git file was overwritten', async () => {
    const mirror = await ensureMirror(source, path.join(dir, 'cache-e'));
    const worktree = await createWorktree(mirror, base);
    await writeFile(path.join(worktree.path, '.git'), 'gitdir: /nowhere\n');
    await removeWorktree(worktree);
    const list = await runGitOk(['worktree', 'list', '--porcelain'], { cwd: mirror });
    expect(list.match(/^worktree /gm)).toHaveLength(1);
    expect(await readdir(path.join(mirror, 'worktrees')).catch(() => [])).toEqual([]);
  });
});
