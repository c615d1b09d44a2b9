import { writeFile } from 'node:fs/promises';
import { parquetWriteBuffer, type SchemaElement } from 'hyparquet-writer';

/** Writes instances as JSONL, one a line. */
export async function writeJsonlDataset(file: string, rows: object[]): Promise<string> {
  await writeFile(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

/** Writes instances as one JSON array. */
export async function writeJsonDataset(file: string, rows: object[]): Promise<string> {
  await writeFile(file, `${JSON.stringify(rows, null, 2)}\n`);
  return file;
}

/** Options of {@link writeParquetDataset}. */
export interface ParquetShape {
  /** Write FAIL_TO_PASS / PASS_TO_PASS as `list<string>` columns (as some SWE-bench derivatives do) instead of JSON strings. */
  listColumns?: boolean;
}

const LISTS = new Set(['FAIL_TO_PASS', 'PASS_TO_PASS']);
const text = (v: unknown) => (v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v));
const list = (v: unknown) => (v === undefined || v === null ? null : typeof v === 'string' ? (JSON.parse(v) as string[]) : (v as string[]));

/**
 * Writes instances as a Parquet file shaped like the Hugging Face SWE-bench files: one optional string column
 * per field (test lists JSON-encoded strings, missing values nulls), except `created_at`, a millisecond
 * timestamp as some exports write it; with `listColumns` the test lists are `list<string>`. Snappy-compressed
 * (hyparquet-writer's default, and pyarrow's).
 */
export async function writeParquetDataset(file: string, rows: Array<Record<string, unknown>>, shape: ParquetShape = {}): Promise<string> {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const schema: SchemaElement[] = [{ name: 'root', num_children: names.length }];
  const columnData = names.map((name) => {
    if (name === 'created_at') {
      schema.push({ name, type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'OPTIONAL' });
      return { name, data: rows.map((r) => (typeof r[name] === 'string' ? BigInt(Date.parse(r[name] as string)) : null)) };
    }
    if (shape.listColumns && LISTS.has(name)) {
      schema.push(
        { name, repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST' },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      );
      return { name, data: rows.map((r) => list(r[name])) };
    }
    schema.push({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' });
    return { name, data: rows.map((r) => text(r[name])) };
  });
  await writeFile(file, Buffer.from(parquetWriteBuffer({ columnData, schema })));
  return file;
}
