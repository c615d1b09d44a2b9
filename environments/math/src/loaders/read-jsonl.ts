import { CrucibleError, readJsonl, type JsonlEntry } from '@crucible/core';
import type { z } from 'zod';

/** Math's wording of a schema failure: every failing field, `answer: ...; question: ...` (`record` for the whole line). */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'record'}: ${i.message}`).join('; ');
}

/**
 * Reads every non-blank line of a JSONL file, validated with `schema`. The first bad line fails the whole read
 * with `invalid_dataset` and `<file>:<line>`, so a caller never works from part of a file.
 */
export async function readJsonlRecords<S extends z.ZodType>(file: string, schema: S, hint: string): Promise<Array<JsonlEntry<z.output<S>>>> {
  const entries: Array<JsonlEntry<z.output<S>>> = [];
  for await (const entry of readJsonl(file, schema, { hint, describe: describeIssues })) entries.push(entry);
  return entries;
}

/** The error for one bad line: `<file>:<line>: <what is wrong>`. */
export function lineError(file: string, line: number, what: string, hint: string, cause?: unknown): CrucibleError {
  return new CrucibleError('invalid_dataset', `${file}:${line}: ${what}`, { hint, cause, details: { file, line } });
}
