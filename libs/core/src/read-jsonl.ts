import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { CrucibleError, type ErrorCode } from './errors.js';

/** One line of a JSONL file that parsed and validated: its 1-based line number and value. */
export interface JsonlEntry<T> {
  line: number;
  value: T;
}

/** A line that could not be read: where it is, the field at fault (when the schema failed) and why. */
export interface JsonlProblem {
  file: string;
  line: number;
  /** Dotted path of the first failing field; undefined for a line that is not JSON. */
  field?: string;
  /** What is wrong, already worded: `not valid JSON (...)` or `field a.b: ...`. */
  what: string;
  cause?: unknown;
}

/** Options of {@link readJsonl}. */
export interface ReadJsonlOptions {
  /** Code of the error a bad line (or an unreadable file) throws. Default `invalid_dataset`. */
  code?: ErrorCode;
  /** What to do about a bad line; printed after the message. */
  hint?: string;
  /**
   * Words a schema failure (`value` is the parsed line); default `field a.b: message` for the first issue.
   * Environments keep their own wording; readers of versioned files say "written by another version" here.
   */
  describe?: (error: z.ZodError, value: unknown) => string;
  /**
   * Called for a bad line instead of throwing: the line is skipped and reading goes on (datasets that turn a
   * broken record into a failing task). The error it would have thrown is passed along.
   */
  onInvalid?: (problem: JsonlProblem, error: CrucibleError) => void;
}

/** The default wording of a schema failure: the first issue's field path and message. */
export function describeFirstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `field ${issue.path.join('.') || '(root)'}: ${issue.message}`;
}

/**
 * Streams a JSONL file line by line (never whole in memory), parsing and validating each non-blank line with
 * `schema`. A bad line fails with `<file>:<line>: <what>` (the field path for a schema failure), or goes to
 * `onInvalid`. A missing file is an error too; callers that treat it as empty check first.
 */
export async function* readJsonl<S extends z.ZodType>(path: string, schema: S, options: ReadJsonlOptions = {}): AsyncGenerator<JsonlEntry<z.output<S>>> {
  const code = options.code ?? 'invalid_dataset';
  const describe = options.describe ?? describeFirstIssue;
  const fail = (problem: JsonlProblem): CrucibleError =>
    new CrucibleError(code, `${problem.file}:${problem.line}: ${problem.what}`, {
      hint: options.hint,
      cause: problem.cause,
      retryable: false,
      details: { file: problem.file, line: problem.line, ...(problem.field !== undefined ? { field: problem.field } : {}) },
    });
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const raw of lines) {
      n++;
      if (raw.trim() === '') continue;
      let problem: JsonlProblem | undefined;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (err) {
        problem = { file: path, line: n, what: `not valid JSON (${(err as Error).message})`, cause: err };
      }
      if (!problem) {
        const parsed = schema.safeParse(value);
        if (parsed.success) {
          yield { line: n, value: parsed.data };
          continue;
        }
        problem = { file: path, line: n, field: parsed.error.issues[0]?.path.join('.'), what: describe(parsed.error, value) };
      }
      const error = fail(problem);
      if (!options.onInvalid) throw error;
      options.onInvalid(problem, error);
    }
  } catch (err) {
    if (err instanceof CrucibleError) throw err;
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new CrucibleError(code, `${path}: cannot read the file (${reason})`, {
      hint: 'check the path; relative paths resolve from the working directory',
      cause: err,
      retryable: false,
    });
  } finally {
    lines.close();
  }
}
