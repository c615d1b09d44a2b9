import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPatch } from '../src/workspace/apply-patch.js';
import { ensureCachedDir } from '../src/workspace/cached-dir.js';
import { runGitOk } from '../src/workspace/git.js';
import { ensureCommit, ensureMirror } from '../src/workspace/mirror.js';
import { diffAgainstBase } from '../src/workspace/model-patch.js';
import { ensureBaseCheckout } from '../src/workspace/base-checkout.js';
import { isMountPoint, overlayStatus } from '../src/workspace/overlay.js';
import { sweepStaleWorkspaces } from '../src/workspace/stale-workspaces.js';
import { closeWorkspace, copyPoolStats, drainCopyPool, openWorkspace, openWorkspaceCount, type WorkspaceSource } from '../src/workspace/workspace.js';
import type { WorkspaceMode } from '../src/workspace/workspace-options.js';
import { cleanTempDirs, makeRepo, overlaysUnder, tempDir, writeTree } from './helpers.js';

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
    'lib/util.txt': 'util\n',
  });
});

afterAll(async () => {
  await drainCopyPool();
  expect(openWorkspaceCount()).toBe(0);
  expect(await overlaysUnder(dir)).toEqual([]);
  await cleanTempDirs();
});

/** Workspaces of `source` at `base`, through a mirror and a sealed base checkout in `cache`. */
async function sourceOf(cache: string, mode: WorkspaceMode = 'auto'): Promise<WorkspaceSource> {
  const mirror = await ensureMirror(source, path.join(dir, cache));
  return { base: await ensureBaseCheckout(path.join(dir, cache), mirror, base, 'full-past'), mode };
}

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

describe('cache locks', () => {
  it('a cache entry left locked by a crashed builder is built once its lock goes stale', async () => {
    const entry = path.join(dir, 'entry');
    // what a killed builder leaves: the lock directory, no longer refreshed
    await mkdir(`${entry}.lock`);
    const old = new Date(Date.now() - 60_000);
    await utimes(`${entry}.lock`, old, old);
    let builds = 0;
    const build = async (tmp: string) => {
      builds++;
      await mkdir(tmp);
    };
    expect(await ensureCachedDir(entry, build)).toBe(entry);
    expect(builds).toBe(1);
  });
});

/** Overlay mounts need root (or CAP_SYS_ADMIN); elsewhere only the copy fallback is tested. */
const OVERLAY = (await overlayStatus()).ok;
const MODES = OVERLAY ? (['overlay', 'copy'] as const) : (['copy'] as const);

describe.each(MODES)('model patches (%s workspaces)', (mode) => {
  it('hold new, deleted, binary and non-UTF-8 files, and apply back byte for byte', async () => {
    const src = await sourceOf('cache-d', mode);
    const worktree = await openWorkspace(src);
    const fresh = await openWorkspace(src);
    expect([worktree.mode, fresh.mode]).toEqual([mode, mode]);
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
      await closeWorkspace(worktree);
      await closeWorkspace(fresh);
    }
  });

  it('see a same-size edit made in the second of the checkout', async () => {
    const worktree = await openWorkspace(await sourceOf('cache-d', mode));
    try {
      await writeFile(path.join(worktree.path, 'a.txt'), 'ALPHA\n');
      await sleep(1100);
      expect(await diffAgainstBase(worktree)).toContain('+ALPHA');
    } finally {
      await closeWorkspace(worktree);
    }
  });

  it('let the agent rename a directory of the base', async () => {
    const worktree = await openWorkspace(await sourceOf('cache-d', mode));
    try {
      await runGitOk(['mv', 'lib', 'pkg'], { cwd: worktree.path });
      const patch = await diffAgainstBase(worktree);
      expect(patch).toMatch(/lib\/util\.txt/);
      expect(patch).toMatch(/pkg\/util\.txt/);
      const fresh = await openWorkspace(await sourceOf('cache-d', mode));
      expect(await applyPatch(fresh, patch)).toEqual({ ok: true });
      expect(await readdir(fresh.path)).toEqual(expect.arrayContaining(['pkg']));
      expect(await readdir(fresh.path)).not.toContain('lib');
      await closeWorkspace(fresh);
    } finally {
      await closeWorkspace(worktree);
    }
  });

  it('are empty for an untouched checkout, whose git status is clean', async () => {
    const worktree = await openWorkspace(await sourceOf('cache-d', mode));
    expect(await diffAgainstBase(worktree)).toBe('');
    expect(await runGitOk(['status', '--porcelain'], { cwd: worktree.path })).toBe('');
    await closeWorkspace(worktree);
  });
});

describe('workspaces', () => {
  it('in copy mode take a copy prepared ahead, as fresh as a new one', async () => {
    const src = await sourceOf('cache-pool', 'copy');
    const first = await openWorkspace(src);
    await writeFile(path.join(first.path, 'a.txt'), 'first episode\n');
    await copyPoolStats().settled;
    const hits = copyPoolStats().hits;
    const second = await openWorkspace(src);
    expect(copyPoolStats().hits).toBe(hits + 1);
    expect(second.root).not.toBe(first.root);
    expect(await diffAgainstBase(second)).toBe('');
    expect(openWorkspaceCount()).toBe(2);
    await Promise.all([closeWorkspace(first), closeWorkspace(second)]);
    await copyPoolStats().settled;
    const poolRoot = (await readdir(os.tmpdir())).filter((d) => d.startsWith('crucible-ws-pooled-'));
    await drainCopyPool();
    const after = (await readdir(os.tmpdir())).filter((d) => d.startsWith('crucible-ws-pooled-'));
    expect(after.filter((d) => poolRoot.includes(d))).toEqual([]);
  });

  it('work from a cache path holding ":" (copied, since overlay options cannot name it)', async () => {
    const ws = await openWorkspace(await sourceOf('cache:with,odd chars'));
    try {
      expect(ws.mode).toBe('copy');
      await writeFile(path.join(ws.path, 'a.txt'), 'omega\n');
      expect(await diffAgainstBase(ws)).toContain('+omega');
    } finally {
      await closeWorkspace(ws);
    }
  });

  it('leave the cached checkout untouched, whatever the agent does', async () => {
    const src = await sourceOf('cache-e');
    const before = await runGitOk(['status', '--porcelain', '--ignored'], { cwd: src.base.dir });
    const ws = await openWorkspace(src);
    await writeFile(path.join(ws.path, 'a.txt'), 'changed\n');
    await writeFile(path.join(ws.path, '.git', 'config'), '[core]\n\tbare = true\n');
    await closeWorkspace(ws);
    expect(await readFile(path.join(src.base.dir, 'a.txt'), 'utf8')).toBe('alpha\n');
    expect(await runGitOk(['status', '--porcelain', '--ignored'], { cwd: src.base.dir })).toBe(before);
  });

  it('are unmounted and deleted on close even when the agent wrecked them', async () => {
    for (const mode of MODES) {
      const ws = await openWorkspace(await sourceOf('cache-e', mode));
      expect(await isMountPoint(ws.path)).toBe(mode === 'overlay');
      await run('sh', ['-c', 'rm -rf .git && echo "gitdir: /nowhere" > .git && mkdir -p deep/er && chmod -R a-w deep'], { cwd: ws.path });
      await closeWorkspace(ws);
      await closeWorkspace(ws);
      expect(await isMountPoint(ws.path)).toBe(false);
      await expect(readdir(ws.root)).rejects.toThrow(/ENOENT/);
    }
  });

  /** Starts a child process that opens a workspace, prints it, then exits (`exit`) or hangs until killed (`hang`). */
  async function childWorkspace(then: 'exit' | 'hang'): Promise<{ ws: { path: string; root: string; mode: string }; child: ChildProcess }> {
    const script = path.join(dir, `leave-open-${then}.mts`);
    const modules = path.resolve(import.meta.dirname, '../src/workspace');
    await writeFile(
      script,
      [
        `import { ensureMirror } from ${JSON.stringify(`${modules}/mirror.ts`)};`,
        `import { ensureBaseCheckout } from ${JSON.stringify(`${modules}/base-checkout.ts`)};`,
        `import { openWorkspace } from ${JSON.stringify(`${modules}/workspace.ts`)};`,
        `const [source, cache, commit] = process.argv.slice(2);`,
        `const base = await ensureBaseCheckout(cache, await ensureMirror(source, cache), commit, 'full-past');`,
        `const ws = await openWorkspace({ base, mode: 'auto' });`,
        `console.log(JSON.stringify(ws));`,
        then === 'hang' ? 'setInterval(() => undefined, 1000);' : '',
      ].join('\n'),
    );
    const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', script, source, path.join(dir, 'cache-e'), base], {
      cwd: path.resolve(import.meta.dirname, '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
      });
      child.on('error', reject);
      child.on('exit', () => resolve(out.split('\n')[0] ?? ''));
    });
    return { ws: JSON.parse(line) as { path: string; root: string; mode: string }, child };
  }

  it('are unmounted and deleted when the process exits without closing them', async () => {
    const { ws, child } = await childWorkspace('exit');
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    expect(ws.mode).toBe(OVERLAY ? 'overlay' : 'copy');
    expect(await isMountPoint(ws.path)).toBe(false);
    await expect(readdir(ws.root)).rejects.toThrow(/ENOENT/);
  });

  it.skipIf(!OVERLAY)('left by a killed process are swept by the next one', async () => {
    const { ws, child } = await childWorkspace('hang');
    expect(await isMountPoint(ws.path)).toBe(true);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(await isMountPoint(ws.path)).toBe(true);
    expect(await sweepStaleWorkspaces(path.dirname(ws.root))).toContain(ws.root);
    expect(await isMountPoint(ws.path)).toBe(false);
    await expect(readdir(ws.root)).rejects.toThrow(/ENOENT/);
  });
});
