import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { makeDirectory } from './make-directory.js';

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'crucible-mkdir-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('makeDirectory', () => {
  it('creates every missing level and is idempotent', async () => {
    const dir = await tempDir();
    await makeDirectory(join(dir, 'a/b/c'));
    await makeDirectory(join(dir, 'a/b/c'));
    expect((await stat(join(dir, 'a/b/c'))).isDirectory()).toBe(true);
  });

  it('fails with ENOTDIR when a level is a file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'file'), 'x');
    await expect(makeDirectory(join(dir, 'file/sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(makeDirectory(join(dir, 'file'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('ends with an error under /proc, where recursive mkdir spins forever', async () => {
    await expect(makeDirectory('/proc/1/crucible-x/y')).rejects.toMatchObject({ code: expect.stringMatching(/^E/) });
  });
});
