import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { styleFor } from './answer-style.js';
import type { MathConfig } from './config.js';
import { loadDataset } from './loaders/load-dataset.js';
import type { MathTask } from './math-task.js';

/** Dataset names that resolve to the small samples shipped in this package's `data/`. */
export const SAMPLE_DATASETS = ['gsm8k-sample', 'math-sample'] as const;

/** The file a `dataset` setting names: a shipped sample, or a path relative to `cwd`. */
export function resolveDataset(dataset: string, cwd: string): string {
  if ((SAMPLE_DATASETS as readonly string[]).includes(dataset)) {
    return fileURLToPath(new URL(`../data/${dataset}.jsonl`, import.meta.url));
  }
  return resolve(cwd, dataset);
}

/**
 * Tasks from a dataset file: all records (only those of `config.difficulty`, if set), then the first
 * `limit`. Ids are `math/<file name>/<record id or line number>`.
 */
export async function datasetTasks(config: MathConfig & { dataset: string }, cwd: string, limit?: number): Promise<MathTask[]> {
  const file = resolveDataset(config.dataset, cwd);
  const name = basename(file).replace(/\.jsonl?$/i, '');
  const records = await loadDataset(file, config.format);
  const kept = records.filter((r) => config.difficulty === undefined || r.difficulty === config.difficulty);
  return kept.slice(0, limit ?? kept.length).map((r) => {
    const id = `math/${name}/${r.id ?? r.line}`;
    return {
      id,
      prompt: r.question,
      difficulty: r.difficulty,
      family: r.family,
      reference: r.reference,
      style: styleFor(id, r.format === 'gsm8k' ? 'gsm8k' : 'boxed'),
      metadata: { source: file, line: r.line, format: r.format },
    };
  });
}
