import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { resolveInside } from '../workspace/safe-path.js';
import { looksBinary } from './read-file.js';

/** A search stops after this many matches. */
export const SEARCH_MAX_MATCHES = 100;
const SKIP_DIRS = new Set(['.git', 'node_modules', '__pycache__']);
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_LINE_CHARS = 200;

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    // Symbolic links are not followed: they could lead out of the repository.
    if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/** The `search` tool: regex over text files, `path:line: text`, capped with a note. */
export async function searchTool(realRoot: string, input: { pattern: string; path?: string }): Promise<string> {
  let regex: RegExp;
  try {
    regex = new RegExp(input.pattern);
  } catch (err) {
    return `Error: invalid regular expression: ${(err as Error).message}`;
  }
  const target = await resolveInside(realRoot, input.path ?? '.');
  if (!target.ok) return target.error;
  const info = await stat(target.abs).catch(() => undefined);
  if (!info) return `Error: ${target.rel} does not exist.`;
  const files = info.isDirectory() ? walk(target.abs) : (async function* () { yield target.abs; })();
  const matches: string[] = [];
  let more = false;
  outer: for await (const file of files) {
    if ((await stat(file)).size > MAX_FILE_BYTES) continue;
    const bytes = await readFile(file);
    if (looksBinary(bytes)) continue;
    for (const [i, full] of bytes.toString('utf8').split('\n').entries()) {
      const line = full.length > 2000 ? full.slice(0, 2000) : full;
      if (!regex.test(line)) continue;
      if (matches.length === SEARCH_MAX_MATCHES) {
        more = true;
        break outer;
      }
      const text = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}...` : line;
      matches.push(`${path.relative(realRoot, file)}:${i + 1}: ${text.trim()}`);
    }
  }
  if (matches.length === 0) return `No matches for /${input.pattern}/ in ${target.rel}.`;
  const note = more ? `\n[showing the first ${SEARCH_MAX_MATCHES} matches; there are more. Narrow the pattern or the path.]` : '';
  return `${matches.join('\n')}${note}`;
}
