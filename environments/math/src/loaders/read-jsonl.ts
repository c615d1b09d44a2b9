import { readFile } from 'node:fs/promises';
import { CrucibleError } from '@crucible/core';
import type { z } from 'zod';

/** One non-blank line of a JSONL file, parsed, with its 1-based line number. */
export interface JsonlLine {
  line: number;
  value: unknown;
}

/**
 * Reads and JSON-parses every non-blank line. The first bad line fails the whole read with
 * `invalid_dataset` and `<file>:<line>`, so a caller never works from part of a file.
 */
export async function readJsonlLines(file: string, hint: string): Promise<JsonlLine[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new CrucibleError('invalid_dataset', `${file}: cannot read the file (${reason})`, {
      hint: 'check the path; relative paths resolve from the working directory',
      cause: err,
    });
  }
  const lines: JsonlLine[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      lines.push({ line: i + 1, value: JSON.parse(raw) });
    } catch (err) {
      throw lineError(file, i + 1, `not valid JSON (${(err as Error).message})`, hint, err);
    }
  });
  return lines;
}

/** Validates one parsed line with a zod schema; a failure names the file, line and fields. */
export function validateLine<S extends z.ZodType>(file: string, line: JsonlLine, schema: S, hint: string): z.output<S> {
  const parsed = schema.safeParse(line.value);
  if (parsed.success) return parsed.data;
  const what = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'record'}: ${i.message}`).join('; ');
  throw lineError(file, line.line, what, hint);
}

/** The error for one bad line: `<file>:<line>: <what is wrong>`. */
export function lineError(file: string, line: number, what: string, hint: string, cause?: unknown): CrucibleError {
  return new CrucibleError('invalid_dataset', `${file}:${line}: ${what}`, { hint, cause, details: { file, line } });
}
