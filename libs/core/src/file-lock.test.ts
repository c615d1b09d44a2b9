import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireFileLock, isLockHeld, withFileLock } from './file-lock.js';

const racer = fileURLToPath(new URL('./testing/lock-racer.ts', import.meta.url));
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crucible-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A lock directory as a crashed holder leaves it: present, not refreshed for a minute. */
async function staleLock(path: string): Promise<void> {
  await mkdir(path);
  const old = new Date(Date.now() - 60_000);
  await utimes(path, old, old);
}

describe('file locks', () => {
  it('two processes racing for one stale lock: exactly one takes it', async () => {
    for (let round = 0; round < 1; round++) {
      const path = join(dir, `run-${round}.lock`);
      const go = join(dir, `go-${round}`);
      await staleLock(path);
      const racers = [0, 1].map(() => spawn(process.execPath, ['--import', 'tsx', racer, path, go], { stdio: ['pipe', 'pipe', 'inherit'] }));
      const said = racers.map((child) => {
        const lines: string[] = [];
        let exited = false;
        const waiters: Array<() => void> = [];
        const wake = () => waiters.splice(0).forEach((w) => w());
        child.stdout.on('data', (chunk: Buffer) => {
          lines.push(...chunk.toString().split('\n').filter(Boolean));
          wake();
        });
        child.once('exit', () => ((exited = true), wake()));
        // resolves once the racer said n lines, or exited (a racer that crashed fails the expectation below)
        const next = (n: number): Promise<void> => (lines.length >= n || exited ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)).then(() => next(n)));
        return { lines, next };
      });
      await Promise.all(said.map((s) => s.next(1))); // both started: release them at once
      await writeFile(go, '');
      await Promise.all(said.map((s) => s.next(2)));
      for (const child of racers) child.stdin.end();
      await Promise.all(racers.map((child) => new Promise((resolve) => child.once('exit', resolve))));
      expect(said.map((s) => s.lines[1]).sort()).toEqual(['held', 'won']);
    }
  }, 30_000);

  it('a held lock is refused at once, and free again after release', async () => {
    const path = join(dir, 'a.lock');
    const release = await acquireFileLock(path);
    const err = await acquireFileLock(path).catch((e: unknown) => e);
    expect(isLockHeld(err)).toBe(true);
    await release();
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
    await (await acquireFileLock(path))();
  });

  it('withFileLock serialises holders in one process and takes over a stale lock', async () => {
    const path = join(dir, 'b.lock');
    await staleLock(path);
    const order: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((id) =>
        withFileLock(path, async () => {
          order.push(`${id}+`);
          await new Promise((resolve) => setTimeout(resolve, 20));
          order.push(`${id}-`);
        }, { pollMs: 10 }),
      ),
    );
    expect(order).toHaveLength(6);
    for (let i = 0; i < order.length; i += 2) expect(order[i]?.[0]).toBe(order[i + 1]?.[0]);
  });
});
