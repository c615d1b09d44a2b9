import { randomBytes } from 'node:crypto';
import { rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CrucibleError } from '@crucible/core';
import { existingAncestor } from '@crucible/orchestrator';

/**
 * Makes sure `dir` is, or can be made, a directory this process can write, before anything starts: a bad
 * `--out` or `--cache-dir` fails with exit 2 and one line, not mid-run with ENOTDIR or a stack trace. Creates
 * nothing (a run that then fails on bad data leaves no directory behind): it writes a probe file in the nearest
 * existing level instead.
 */
export async function checkWritableDir(flag: string, dir: string): Promise<void> {
  try {
    const { dir: existing } = await existingAncestor(dir);
    // Permission bits say little (root ignores them; read-only mounts and /proc do not): write a file to know.
    const probe = join(existing, `.crucible-write-check-${process.pid}-${randomBytes(4).toString('hex')}`);
    await writeFile(probe, '', { flag: 'wx' });
    await rm(probe, { force: true });
  } catch (err) {
    throw pathError(flag, dir, err);
  }
}

/** Makes sure `dir` exists as a readable directory (for `--cache replay`, which only reads). */
export async function checkReadableDir(flag: string, dir: string): Promise<void> {
  try {
    if (!(await stat(dir)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (err) {
    throw pathError(flag, dir, err);
  }
}

function pathError(flag: string, dir: string, err: unknown): CrucibleError {
  const code = (err as NodeJS.ErrnoException).code;
  const where = (err as NodeJS.ErrnoException).path ?? dir;
  const why =
    code === 'ENOTDIR' || code === 'EEXIST'
      ? `${where} is a file, not a directory`
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? `${where} is not writable (${code})`
        : code === 'ENOENT'
          ? `${dir} does not exist and cannot be created there`
          : `${where}: ${(err as Error).message}`;
  return new CrucibleError('invalid_flag', `${flag} ${dir}: ${why}`, { cause: err, hint: `pass ${flag} a directory you can write` });
}
