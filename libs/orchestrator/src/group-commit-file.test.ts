import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommitFile } from './group-commit-file.js';

describe('GroupCommitFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crucible-gcf-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('resolves each append only once its line is in the file, lines whole and in order of arrival', async () => {
    const file = new GroupCommitFile(join(dir, 'x.jsonl'));
    const seenAtResolve: boolean[] = [];
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        file.append(`{"i":${i}}\n`).then(async () => {
          seenAtResolve.push((await readFile(file.path, 'utf8')).includes(`{"i":${i}}\n`));
        }),
      ),
    );
    await file.close();
    expect(seenAtResolve).toHaveLength(300);
    expect(seenAtResolve.every(Boolean)).toBe(true);
    const lines = (await readFile(file.path, 'utf8')).trimEnd().split('\n');
    expect(lines).toEqual(Array.from({ length: 300 }, (_, i) => `{"i":${i}}`));
  });

  it('rejects the appends of a failed write and reopens for the next ones', async () => {
    const file = new GroupCommitFile(join(dir, 'later', 'x.jsonl'));
    await expect(file.append('a\n')).rejects.toThrow(/ENOENT/);
    await mkdir(join(dir, 'later'));
    await file.append('b\n');
    await file.close();
    expect(await readFile(file.path, 'utf8')).toBe('b\n');
  });
});
