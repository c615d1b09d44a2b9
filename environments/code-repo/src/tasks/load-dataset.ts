import path from 'node:path';
import { CrucibleError } from '@crucible/core';
import type { z } from 'zod';
import { invalidTask, taskFromInstance, type CodeTask } from './code-task.js';
import { readDatasetRows } from './dataset-rows.js';
import { InstanceSchema, rawInstanceId } from './instance-schema.js';

/** Options of {@link loadDataset}. */
export interface LoadDatasetOptions {
  reposDir?: string;
  /** Throw on the first malformed record instead of returning an invalid task for it. */
  strict?: boolean;
}

/** Says which fields failed and why, in one line. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? `field ${i.path.join('.')}` : 'line'}: ${i.message}`)
    .join('; ');
}

/**
 * Reads a SWE-bench style dataset: JSONL, a JSON array, or Parquet as Hugging Face distributes it. Every
 * record becomes a task; a malformed one becomes a task whose `open()` fails with `invalid_task` naming
 * `file:line` or `file:row N` (or, with `strict`, the load fails).
 */
export async function loadDataset(file: string, options: LoadDatasetOptions = {}): Promise<CodeTask[]> {
  const rows = await readDatasetRows(file);
  const datasetDir = path.dirname(path.resolve(file));
  const tasks: CodeTask[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const meta = { source: row.source, datasetDir, reposDir: options.reposDir };
    // Task ids must stay unique even when records are broken or repeat an id.
    const uniqueId = (id: string) => (seen.has(id) ? `${id}@${row.index}` : id);
    const fail = (id: string, what: string) => {
      const message = `${row.source}: ${what}`;
      if (options.strict) {
        throw new CrucibleError('invalid_dataset', message, { hint: 'fix or remove that record of the dataset' });
      }
      const taskId = uniqueId(id);
      seen.add(taskId);
      tasks.push(invalidTask(taskId, message, meta));
    };
    if (row.error !== undefined) {
      fail(row.label, row.error);
      continue;
    }
    const id = rawInstanceId(row.value) ?? row.label;
    const parsed = InstanceSchema.safeParse(row.value);
    if (!parsed.success) {
      fail(id, `instance ${id}: ${describeIssues(parsed.error)}`);
      continue;
    }
    if (seen.has(id)) {
      fail(id, `instance_id ${id} appears twice in the dataset`);
      continue;
    }
    seen.add(id);
    tasks.push(taskFromInstance(parsed.data, meta));
  }
  if (tasks.length === 0) {
    throw new CrucibleError('invalid_dataset', `dataset ${file} holds no instances`, {
      hint: 'write one SWE-bench instance (JSON object) per line, a JSON array of them, or a Parquet file',
    });
  }
  return tasks;
}
