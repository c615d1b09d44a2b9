import { z } from 'zod';
import { readJsonl } from '@crucible/core';
import { lineError, readJsonlRecords } from './read-jsonl.js';
import { Gsm8kRecordSchema } from './gsm8k.js';
import { MathRecordSchema } from './math-dataset.js';

/** A dataset's format: GSM8K (`question`/`answer`) or MATH (`problem`/`solution`). */
export type DatasetFormat = 'gsm8k' | 'math';

/** One validated dataset record. */
export interface DatasetRecord {
  line: number;
  id?: string;
  question: string;
  reference: string;
  difficulty?: number;
  family: string;
  format: DatasetFormat;
}

const HINT =
  'fix or remove that line: GSM8K lines are {"question": ..., "answer": "... #### N"}; ' +
  'MATH lines are {"problem": ..., "solution": ... \\boxed{...}} or carry an "answer" field';

/**
 * Loads every record of a GSM8K or MATH JSONL file. The format is `format` if given, else read from
 * the first record's fields. Any malformed line fails the whole load with `invalid_dataset` and
 * `<file>:<line>`; blank lines are skipped; an empty file is an error too.
 */
export async function loadDataset(file: string, format?: DatasetFormat): Promise<DatasetRecord[]> {
  const chosen = format ?? (await formatOfFirstRecord(file));
  const schema = chosen === 'gsm8k' ? Gsm8kRecordSchema : MathRecordSchema;
  const records = (await readJsonlRecords(file, schema, HINT)).map((entry) => ({ line: entry.line, format: chosen, ...entry.value }));
  if (records.length === 0) throw lineError(file, 1, 'the dataset has no records', 'point dataset at a non-empty JSONL file');
  const seen = new Map<string, number>();
  for (const r of records) {
    if (r.id === undefined) continue;
    const earlier = seen.get(r.id);
    if (earlier !== undefined) throw lineError(file, r.line, `id "${r.id}" repeats line ${earlier}`, 'give every record a unique id');
    seen.set(r.id, r.line);
  }
  return records;
}

/** The format the first record's fields say (streams only up to that line). */
async function formatOfFirstRecord(file: string): Promise<DatasetFormat> {
  for await (const first of readJsonl(file, z.unknown(), { hint: HINT })) return detectFormat(file, first.line, first.value);
  throw lineError(file, 1, 'the dataset has no records', 'point dataset at a non-empty JSONL file');
}

function detectFormat(file: string, line: number, value: unknown): DatasetFormat {
  const fields = value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  if (fields.includes('problem')) return 'math';
  if (fields.includes('question')) return 'gsm8k';
  throw lineError(file, line, `cannot tell the format from fields [${fields.join(', ')}]`, `${HINT}; or set format to gsm8k or math`);
}
