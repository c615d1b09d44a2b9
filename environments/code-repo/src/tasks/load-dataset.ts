import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CrucibleError } from '@crucible/core';
import type { z } from 'zod';
import { invalidTask, taskFromInstance, type CodeTask } from './code-task.js';
import { InstanceSchema, rawInstanceId } from './instance-schema.js';

/** Options of {@link loadDataset}. */
export interface LoadDatasetOptions {
  reposDir?: string;
  /** Throw on the first malformed line instead of returning an invalid task for it. */
  strict?: boolean;
}

/** Says which fields failed and why, in one line. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? `field ${i.path.join('.')}` : 'line'}: ${i.message}`)
    .join('; ');
}

/**
 * Reads a SWE-bench style JSONL dataset. Every line becomes a task; a malformed line becomes a task
 * whose `open()` fails with `invalid_task` naming `file:line` (or, with `strict`, the load fails).
 */
export async function loadDataset(file: string, options: LoadDatasetOptions = {}): Promise<CodeTask[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CrucibleError('invalid_dataset', `cannot read dataset ${file}: ${(err as Error).message}`, {
      hint: 'pass an existing JSONL file as the code-repo `dataset` option',
      cause: err,
    });
  }
  const datasetDir = path.dirname(path.resolve(file));
  const tasks: CodeTask[] = [];
  const seen = new Set<string>();
  for (const [i, rawLine] of text.split('\n').entries()) {
    const line = rawLine.trim();
    if (line === '') continue;
    const source = `${file}:${i + 1}`;
    const meta = { source, datasetDir, reposDir: options.reposDir };
    // Task ids must stay unique even when lines are broken or repeat an id.
    const uniqueId = (id: string) => (seen.has(id) ? `${id}@${i + 1}` : id);
    const fail = (id: string, what: string) => {
      const message = `${source}: ${what}`;
      if (options.strict) {
        throw new CrucibleError('invalid_dataset', message, { hint: 'fix or remove that line of the dataset' });
      }
      const taskId = uniqueId(id);
      seen.add(taskId);
      tasks.push(invalidTask(taskId, message, meta));
    };
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      fail(`${path.basename(file)}:${i + 1}`, `not valid JSON (${(err as Error).message})`);
      continue;
    }
    const id = rawInstanceId(raw) ?? `${path.basename(file)}:${i + 1}`;
    const parsed = InstanceSchema.safeParse(raw);
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
      hint: 'write one SWE-bench instance (JSON object) per line',
    });
  }
  return tasks;
}
