import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveInside } from '../workspace/safe-path.js';

function countLines(text: string): number {
  return text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** The `write_file` tool: creates or overwrites a file inside the repository. */
export async function writeFileTool(realRoot: string, input: { path: string; content: string }): Promise<string> {
  const target = await resolveInside(realRoot, input.path);
  if (!target.ok) return target.error;
  if (target.rel === '.') return 'Error: give a file path, not the repository root.';
  const info = await stat(target.abs).catch(() => undefined);
  if (info?.isDirectory()) return `Error: ${target.rel} is a directory.`;
  try {
    await mkdir(path.dirname(target.abs), { recursive: true });
    await writeFile(target.abs, input.content);
  } catch (err) {
    return `Error: cannot write ${target.rel}: ${(err as Error).message}`;
  }
  return `${info ? 'Overwrote' : 'Created'} ${target.rel} (${countLines(input.content)} lines, ${Buffer.byteLength(input.content)} bytes).`;
}
