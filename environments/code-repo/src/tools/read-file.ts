import { readFile, stat } from 'node:fs/promises';
import { resolveInside } from '../workspace/safe-path.js';

/** A read shows at most this many lines ... */
export const READ_MAX_LINES = 400;
/** ... and at most this many characters. */
export const READ_MAX_CHARS = 20_000;
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** True when a buffer looks binary (a NUL byte near the start, as git decides). */
export function looksBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

/** The `read_file` tool: numbered lines, paged, with a note saying how to read further. */
export async function readFileTool(realRoot: string, input: { path: string; startLine?: number; endLine?: number }): Promise<string> {
  const target = await resolveInside(realRoot, input.path);
  if (!target.ok) return target.error;
  const info = await stat(target.abs).catch(() => undefined);
  if (!info) return `Error: ${target.rel} does not exist.`;
  if (info.isDirectory()) return `Error: ${target.rel} is a directory; use list_dir.`;
  if (info.size > MAX_FILE_BYTES) return `Error: ${target.rel} is ${info.size} bytes, too large to read; use search or run (head/sed) instead.`;
  const bytes = await readFile(target.abs);
  if (looksBinary(bytes)) return `Error: ${target.rel} looks like a binary file (${bytes.length} bytes); not shown.`;
  const lines = bytes.toString('utf8').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const total = bytes.length === 0 ? 0 : lines.length;
  if (total === 0) return `${target.rel} is empty.`;
  const start = input.startLine ?? 1;
  const wantedEnd = Math.min(input.endLine ?? total, total);
  if (start > total) return `Error: startLine ${start} is past the end of ${target.rel} (${total} lines).`;
  if (wantedEnd < start) return `Error: endLine ${input.endLine} is before startLine ${start}.`;
  const shown: string[] = [];
  let chars = 0;
  let end = start - 1;
  for (let n = start; n <= wantedEnd && shown.length < READ_MAX_LINES; n++) {
    let line = lines[n - 1] ?? '';
    if (chars + line.length > READ_MAX_CHARS) {
      if (shown.length > 0) break;
      line = `${line.slice(0, READ_MAX_CHARS)} [line cut at ${READ_MAX_CHARS} characters]`;
    }
    shown.push(`${String(n).padStart(String(wantedEnd).length)}\t${line}`);
    chars += line.length + 1;
    end = n;
  }
  const header = `${target.rel} (lines ${start}-${end} of ${total}; the numbers are not part of the file)`;
  const note =
    end < wantedEnd
      ? `\n[truncated: showing lines ${start}-${end} of ${total} (at most ${READ_MAX_LINES} lines / ${READ_MAX_CHARS} characters per read). Call read_file with startLine=${end + 1} to read further.]`
      : '';
  return `${header}\n${shown.join('\n')}${note}`;
}
