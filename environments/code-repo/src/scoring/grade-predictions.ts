import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CrucibleError, isCrucibleError } from '@crucible/core';
import { z } from 'zod';
import { cacheDirOf } from '../config.js';
import { loadTasks } from '../environment.js';
import { assertSandbox } from '../sandbox/run-command.js';
import { instanceOf, type CodeTask } from '../tasks/code-task.js';
import { readDatasetRows } from '../tasks/dataset-rows.js';
import { describeIssues } from '../tasks/load-dataset.js';
import { prepareRepo } from '../workspace/prepare-repo.js';
import { evaluatePatch, type Evaluation } from './evaluate.js';
import type { TestVerdict } from './test-verdicts.js';

/** Options of {@link gradePredictions}. */
export interface GradeOptions {
  /** The SWE-bench style dataset; the built-in suite when omitted. */
  dataset?: string;
  /** JSONL, one `{instance_id, model_patch}` a line. */
  predictions: string;
  repos?: string;
  cacheDir?: string;
  unsafeNoSandbox?: boolean;
  /** Instances graded at once (default 2). */
  concurrency?: number;
  testTimeoutSec?: number;
  /** Write each graded instance's test log (command, output, the harness's notes) to `<logDir>/<instance_id>.log`. */
  logDir?: string;
  /** Let instances' `setup_command` use the network (see the environment config `allowSetupNetwork`). */
  allowSetupNetwork?: boolean;
  cwd?: string;
  signal?: AbortSignal;
}

/** One instance's outcome in a {@link GradeReport}. */
export interface InstanceGrade {
  status: Evaluation['status'];
  reason: string;
  tests: Record<string, TestVerdict>;
}

/** A SWE-bench style report. */
export interface GradeReport {
  /** Instances in the dataset. */
  total: number;
  /** Predictions graded (those naming a dataset instance). */
  submitted: number;
  resolved_ids: string[];
  unresolved_ids: string[];
  /** Instances whose grading failed (patch of the tests did not apply, unreadable output, ...). */
  error_ids: string[];
  /** Prediction ids that name no instance of the dataset (not graded). */
  unknown_ids: string[];
  per_instance: Record<string, InstanceGrade>;
}

/** How many unknown ids a message lists before it only counts. */
const SHOWN_IDS = 5;

/** A line naming the predictions that match no instance: the first few ids and the count. */
export function describeUnknownIds(ids: string[]): string {
  const shown = ids.slice(0, SHOWN_IDS).join(', ');
  const more = ids.length > SHOWN_IDS ? ` and ${ids.length - SHOWN_IDS} more` : '';
  return `${ids.length} prediction(s) name no instance of the dataset: ${shown}${more}`;
}

const PredictionSchema = z.object({
  instance_id: z.string().min(1),
  model_patch: z.string().nullable().transform((p) => p ?? ''),
});

const PREDICTIONS_HINT = 'predictions are {"instance_id", "model_patch"} objects: one a line (.jsonl) or a JSON array (.json)';

/** Reads predictions (JSONL, a JSON array, or Parquet, as SWE-bench's harness takes them); a malformed record fails the whole grade with its file:line or file:row. */
export async function readPredictions(file: string): Promise<Array<z.output<typeof PredictionSchema>>> {
  const rows = await readDatasetRows(file, 'predictions', true);
  return rows.map((row) => {
    if (row.error !== undefined) throw new CrucibleError('invalid_dataset', `${row.source}: ${row.error}`, { hint: PREDICTIONS_HINT });
    const parsed = PredictionSchema.safeParse(row.value);
    if (!parsed.success) throw new CrucibleError('invalid_dataset', `${row.source}: ${describeIssues(parsed.error)}`, { hint: PREDICTIONS_HINT });
    return parsed.data;
  });
}

/** Runs `fn` over items, at most `limit` at a time, keeping order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  const queue = [...items.entries()];
  const worker = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      const [i, item] = entry;
      results[i] = await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

async function writeLog(dir: string, id: string, evaluation: Evaluation): Promise<void> {
  await mkdir(dir, { recursive: true });
  // Ids are owner__repo-N in SWE-bench; anything else that could leave the directory is replaced.
  await writeFile(path.join(dir, `${id.replace(/[^\w.@-]/g, '_')}.log`), `${evaluation.status}: ${evaluation.reason}\n\n${evaluation.log}\n`);
}

async function gradeOne(task: CodeTask, modelPatch: string, options: GradeOptions, cwd: string): Promise<InstanceGrade> {
  try {
    const instance = instanceOf(task);
    const cacheDir = cacheDirOf({ cacheDir: options.cacheDir }, cwd);
    const unsafeNoSandbox = options.unsafeNoSandbox ?? false;
    const repo = await prepareRepo(task, instance, { cacheDir, cwd, allowSetupNetwork: options.allowSetupNetwork, unsafeNoSandbox, signal: options.signal });
    const evaluation = await evaluatePatch(instance, modelPatch, {
      source: repo.source,
      testTimeoutSec: options.testTimeoutSec ?? 60,
      unsafeNoSandbox,
      hide: repo.hide,
      signal: options.signal,
    });
    if (options.logDir) await writeLog(path.resolve(cwd, options.logDir), task.id, evaluation);
    return { status: evaluation.status, reason: evaluation.reason, tests: evaluation.tests };
  } catch (err) {
    if (isCrucibleError(err, 'user') && err.code === 'unsafe_refused') throw err;
    return { status: 'error', reason: isCrucibleError(err) ? err.toLine() : (err as Error).message, tests: {} };
  }
}

/**
 * Grades predictions without an agent, as SWE-bench's harness does: for each prediction a fresh worktree
 * of the base commit, the model patch applied (one that does not apply is unresolved), then the hidden
 * tests. Instances are graded `concurrency` at a time.
 */
export async function gradePredictions(options: GradeOptions): Promise<GradeReport> {
  const cwd = options.cwd ?? process.cwd();
  await assertSandbox(options.unsafeNoSandbox);
  const tasks = await loadTasks({ dataset: options.dataset, repos: options.repos, strict: false }, cwd);
  const predictions = await readPredictions(path.resolve(cwd, options.predictions));
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const report: GradeReport = { total: tasks.length, submitted: 0, resolved_ids: [], unresolved_ids: [], error_ids: [], unknown_ids: [], per_instance: {} };
  // A later line for the same instance replaces an earlier one.
  const latest = [...new Map(predictions.map((p) => [p.instance_id, p])).values()];
  const known = latest.filter((p) => byId.has(p.instance_id));
  report.unknown_ids = latest.filter((p) => !byId.has(p.instance_id)).map((p) => p.instance_id);
  report.submitted = known.length;
  const graded = await mapLimit(known, options.concurrency ?? 2, async (p) => {
    const task = byId.get(p.instance_id);
    return { id: p.instance_id, grade: task ? await gradeOne(task, p.model_patch, options, cwd) : undefined };
  });
  for (const { id, grade } of graded) {
    if (!grade) continue;
    report.per_instance[id] = grade;
    const bucket = grade.status === 'resolved' ? report.resolved_ids : grade.status === 'unresolved' ? report.unresolved_ids : report.error_ids;
    bucket.push(id);
  }
  return report;
}
