import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';

/** A path checked to stay inside the workspace, or the observation explaining the refusal. */
export type SafePath = { ok: true; abs: string; rel: string } | { ok: false; error: string };

function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root + path.sep);
}

/**
 * Resolves a tool's `path` argument inside the workspace. Absolute paths, `..` segments, the `.git`
 * metadata and symlinks that lead outside (checked on the real path of the deepest existing ancestor) are refused.
 * `realRoot` must be the realpath of the workspace.
 */
export async function resolveInside(realRoot: string, requested: string): Promise<SafePath> {
  const p = requested.trim() === '' ? '.' : requested.trim();
  if (path.isAbsolute(p) || /^~/.test(p)) {
    return { ok: false, error: `Error: "${p}" is absolute; give a path relative to the repository root (for example src/index.js).` };
  }
  const segments = p.split(/[\\/]+/);
  if (segments.includes('..')) {
    return { ok: false, error: `Error: "${p}" uses "..": paths must stay inside the repository.` };
  }
  const normal = path.normalize(p);
  if (normal.split(path.sep)[0] === '.git') {
    return { ok: false, error: `Error: "${p}" is git metadata, which the tools do not touch.` };
  }
  const abs = path.join(realRoot, normal);
  let existing = abs;
  let rest = '';
  for (;;) {
    try {
      const real = await realpath(existing);
      const full = rest === '' ? real : path.join(real, rest);
      if (!inside(realRoot, real) || inside(path.join(realRoot, '.git'), real)) {
        return { ok: false, error: `Error: "${p}" resolves outside the repository (through a symbolic link); refused.` };
      }
      return { ok: true, abs: full, rel: path.relative(realRoot, full) || '.' };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return { ok: false, error: `Error: cannot resolve "${p}": ${code ?? (err as Error).message}` };
      if (existing === realRoot) return { ok: false, error: `Error: the workspace is gone.` };
      if ((await lstat(existing).catch(() => undefined))?.isSymbolicLink()) {
        return { ok: false, error: `Error: "${p}" goes through a symbolic link that points nowhere; refused.` };
      }
      rest = rest === '' ? path.basename(existing) : path.join(path.basename(existing), rest);
      existing = path.dirname(existing);
    }
  }
}
