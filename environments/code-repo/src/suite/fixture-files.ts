import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CrucibleError } from '@crucible/core';

/**
 * The package's `suite/` folder. This module sits two levels below the package root both in the source tree
 * (`src/suite/`) and once built (`dist/suite/`), and package.json `files` ships `suite`, so one relative URL serves both.
 */
export const FIXTURES_DIR = fileURLToPath(new URL('../../suite/', import.meta.url));

/** npm leaves every `.gitignore` out of a package, so the fixtures spell it without the dot. */
const DOTFILES = new Set(['gitignore']);

/**
 * Every file of a fixture repository (`suite/<name>/`), by `/`-separated path, sorted: the repository's
 * content at its base commit. Read as UTF-8 text, exactly as stored.
 */
export async function readFixture(name: string): Promise<Record<string, string>> {
  const root = path.join(FIXTURES_DIR, name);
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    throw new CrucibleError('env_error', `the built-in code-repo suite's fixture ${root} cannot be read (${err.code ?? err.message})`, {
      hint: 'reinstall @crucible/env-code-repo: its package ships the suite/ folder',
      retryable: false,
      cause: err,
    });
  });
  const stored = entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  const named = stored.map((rel) => {
    const base = path.posix.basename(rel);
    return { rel, name: DOTFILES.has(base) ? path.posix.join(path.posix.dirname(rel), `.${base}`) : rel };
  });
  const out: Record<string, string> = {};
  for (const { rel, name } of named.sort((a, b) => (a.name < b.name ? -1 : 1))) out[name] = await readFile(path.join(root, rel), 'utf8');
  return out;
}
