import { readdir, stat } from 'node:fs/promises';
import { resolveInside } from '../workspace/safe-path.js';

const MAX_ENTRIES = 1000;

/** The `list_dir` tool: sorted entries, directories marked with a trailing slash, `.git` left out. */
export async function listDirTool(realRoot: string, input: { path?: string }): Promise<string> {
  const target = await resolveInside(realRoot, input.path ?? '.');
  if (!target.ok) return target.error;
  const info = await stat(target.abs).catch(() => undefined);
  if (!info) return `Error: ${target.rel} does not exist.`;
  if (!info.isDirectory()) return `Error: ${target.rel} is a file; use read_file.`;
  const entries = (await readdir(target.abs, { withFileTypes: true }))
    .filter((e) => !(target.rel === '.' && e.name === '.git'))
    .map((e) => (e.isDirectory() ? `${e.name}/` : e.isSymbolicLink() ? `${e.name}@` : e.name))
    .sort();
  if (entries.length === 0) return `${target.rel}/ is empty.`;
  const shown = entries.slice(0, MAX_ENTRIES);
  const note = entries.length > MAX_ENTRIES ? `\n[showing ${MAX_ENTRIES} of ${entries.length} entries]` : '';
  return `${target.rel === '.' ? '.' : target.rel}/ (${entries.length} entries)\n${shown.join('\n')}${note}`;
}
