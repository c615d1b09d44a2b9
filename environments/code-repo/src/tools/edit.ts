import { readFile, writeFile } from 'node:fs/promises';
import { resolveInside } from '../workspace/safe-path.js';

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** The `edit` tool: replaces one exact snippet; a missing or ambiguous snippet is an error observation. */
export async function editTool(realRoot: string, input: { path: string; old: string; new: string }): Promise<string> {
  const target = await resolveInside(realRoot, input.path);
  if (!target.ok) return target.error;
  if (input.old === '') return 'Error: `old` is empty; give the exact text to replace (use write_file to create a file).';
  const text = await readFile(target.abs, 'utf8').catch(() => undefined);
  if (text === undefined) return `Error: ${target.rel} does not exist or is not a readable file.`;
  const hits: number[] = [];
  for (let i = text.indexOf(input.old); i !== -1; i = text.indexOf(input.old, i + input.old.length)) hits.push(i);
  if (hits.length === 0) {
    const numbered = /^\s*\d+\t/m.test(input.old) ? ' It seems to include line numbers from read_file; leave them out.' : '';
    return `Error: the snippet was not found in ${target.rel}. Copy it exactly (including indentation) from the current file.${numbered}`;
  }
  if (hits.length > 1) {
    const lines = hits.map((h) => lineOf(text, h)).join(', ');
    return `Error: the snippet occurs ${hits.length} times in ${target.rel} (at lines ${lines}); include more surrounding lines so it matches exactly once.`;
  }
  const at = hits[0] ?? 0;
  const updated = text.slice(0, at) + input.new + text.slice(at + input.old.length);
  await writeFile(target.abs, updated);
  const first = lineOf(text, at);
  const oldLines = input.old.split('\n').length;
  return `Edited ${target.rel}: replaced ${oldLines} line(s) at line ${first} with ${input.new.split('\n').length} line(s).`;
}
