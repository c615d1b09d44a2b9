import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CrucibleError, readJsonl } from '@crucible/core';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { z } from 'zod';

/** One record of a dataset file, before validation. */
export interface DatasetRow {
  /** Where it is: `file:line` (JSONL) or `file:row N` (JSON array, Parquet), 1-based. */
  source: string;
  /** A short name for it when it has no instance id: `data.jsonl:3`, `data.parquet:row 3`. */
  label: string;
  /** The line (JSONL) or row number, 1-based. */
  index: number;
  value?: unknown;
  /** Why the record could not be read (a JSONL line that is not JSON). */
  error?: string;
}

const HINT = 'a dataset is a .jsonl file (one SWE-bench instance a line), a .json array of instances, or a .parquet file';

function cannotRead(file: string, err: unknown, what: string): CrucibleError {
  return new CrucibleError('invalid_dataset', `cannot read ${what} ${file}: ${(err as Error).message}`, { hint: HINT, cause: err });
}

type Normalise = (value: unknown) => unknown;

/**
 * Parquet and JSON values as the instance schema expects them: `null` is an absent field (pandas and Arrow
 * write nulls for missing hints or difficulty), timestamps become ISO strings, 64-bit integers numbers,
 * and binary columns without a UTF-8 annotation text.
 */
function normaliseValue(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  return plain(value, normaliseValue);
}

/** {@link normaliseValue} but keeping nulls (a prediction's `model_patch: null` is an empty patch, not a missing field). */
function normaliseKeepingNulls(value: unknown): unknown {
  return value === null ? null : value === undefined ? undefined : plain(value, normaliseKeepingNulls);
}

/** Converts one non-null value, with `inner` for the values inside arrays and objects. */
function plain(value: unknown, inner: Normalise): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (Array.isArray(value)) return value.map(inner);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const n = inner(v);
      if (n !== undefined) out[k] = n;
    }
    return out;
  }
  return value;
}

/** JSONL rows, streamed; a line that is not JSON becomes a row with its error (the task built from it fails). */
async function rowsOfJsonl(file: string, normalise: Normalise): Promise<DatasetRow[]> {
  const rows: DatasetRow[] = [];
  const at = (line: number) => ({ source: `${file}:${line}`, label: `${path.basename(file)}:${line}`, index: line });
  const onInvalid = (problem: { line: number; what: string }) => rows.push({ ...at(problem.line), error: problem.what });
  for await (const entry of readJsonl(file, z.unknown(), { hint: HINT, onInvalid })) rows.push({ ...at(entry.line), value: normalise(entry.value) });
  return rows;
}

function indexed(file: string, values: unknown[], normalise: Normalise): DatasetRow[] {
  return values.map((value, i) => ({ source: `${file}:row ${i + 1}`, label: `${path.basename(file)}:row ${i + 1}`, index: i + 1, value: normalise(value) }));
}

async function rowsOfParquet(file: string, what: string, normalise: Normalise): Promise<DatasetRow[]> {
  let rows: unknown[];
  try {
    rows = await parquetReadObjects({ file: await asyncBufferFromFile(file) });
  } catch (err) {
    const message = (err as Error).message;
    throw new CrucibleError('invalid_dataset', `cannot read Parquet ${what} ${file}: ${message}`, {
      hint: /compression|codec/i.test(message)
        ? 'this reader handles uncompressed and snappy Parquet (pyarrow and Hugging Face datasets write snappy); re-save the file with snappy compression'
        : 'pass a Parquet file (as Hugging Face datasets distribute them), or convert it to JSONL',
      cause: err,
    });
  }
  return indexed(file, rows, normalise);
}

/**
 * The records of a dataset (or predictions) file: `.parquet` by its reader; `.json` as one JSON array (a
 * `.json` file that is not an array is read as JSONL, as some tools name them); anything else as JSONL.
 * `what` names the file in errors; `keepNulls` keeps `null` values instead of dropping those fields.
 */
export async function readDatasetRows(file: string, what = 'dataset', keepNulls = false): Promise<DatasetRow[]> {
  const normalise = keepNulls ? normaliseKeepingNulls : normaliseValue;
  if (path.extname(file).toLowerCase() === '.parquet') return rowsOfParquet(file, what, normalise);
  if (path.extname(file).toLowerCase() === '.json') {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw cannotRead(file, err, what);
    }
    if (text.trimStart().startsWith('[')) {
      let values: unknown;
      try {
        values = JSON.parse(text);
      } catch (err) {
        throw new CrucibleError('invalid_dataset', `${file}: not a valid JSON array (${(err as Error).message})`, { hint: HINT, cause: err });
      }
      return indexed(file, values as unknown[], normalise);
    }
  }
  await access(file).catch((err: unknown) => {
    throw cannotRead(file, err, what);
  });
  return rowsOfJsonl(file, normalise);
}
