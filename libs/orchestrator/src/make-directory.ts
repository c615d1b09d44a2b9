import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * The nearest directory at or above `path` that exists, and the levels below it still to create (outermost first).
 * Fails with ENOTDIR (its `path` naming the file) when the nearest existing level is a file.
 */
export async function existingAncestor(path: string): Promise<{ dir: string; missing: string[] }> {
  const missing: string[] = [];
  for (let p = resolve(path); ; p = dirname(p)) {
    const st = await stat(p).catch((err: NodeJS.ErrnoException) => {
      // ENOTDIR from stat: some ancestor is a file; walking up finds it and names it.
      if ((err.code !== 'ENOENT' && err.code !== 'ENOTDIR') || dirname(p) === p) throw err;
      return undefined;
    });
    if (st?.isDirectory()) return { dir: p, missing };
    if (st) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${p}'`), { code: 'ENOTDIR', path: p });
    missing.unshift(p);
  }
}

/**
 * `mkdir -p` that always ends. Node's `mkdir(path, { recursive: true })` loops forever, at 100% CPU and deaf to
 * SIGTERM (the loop runs in libuv's thread pool), where mkdir(2) answers ENOENT for a parent that does exist, as
 * under /proc. So walk up to the nearest existing ancestor and create each missing level once. Errors are the
 * system's (ENOTDIR, EACCES, EROFS, ENOENT ...) for the caller to phrase.
 */
export async function makeDirectory(path: string): Promise<void> {
  for (const dir of (await existingAncestor(path)).missing) {
    try {
      await mkdir(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
