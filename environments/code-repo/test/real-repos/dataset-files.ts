import { writeFile } from 'node:fs/promises';
import { parquetWriteBuffer } from 'hyparquet-writer';

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

/**
 * Writes instances as a Parquet file shaped like the Hugging Face SWE-bench files: one string column per
 * field (test lists stay JSON-encoded strings, missing values are nulls), except `created_at`, written as a
 * timestamp as some exports do. Snappy-compressed, hyparquet-writer's default and pyarrow's.
 */
export async function writeParquetDataset(file: string, rows: Array<Record<string, unknown>>): Promise<string> {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const columnData = names.map((name) => {
    if (name === 'created_at') {
      return { name, type: 'TIMESTAMP' as const, data: rows.map((r) => (typeof r[name] === 'string' ? new Date(r[name] as string) : null)) };
    }
    const data = rows.map((r) => {
      const v = r[name];
      return v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v);
    });
    return { name, type: 'STRING' as const, data };
  });
  await writeFile(file, Buffer.from(parquetWriteBuffer({ columnData })));
  return file;
}
