import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CrucibleError, isCrucibleError } from '@crucible/core';
import { z } from 'zod';
import { cacheDirOf } from '../config.js';
import { loadTasks } from '../environment.js';
import { assertSandbox } from '../sandbox/run-command.js';
import { instanceOf, type CodeTask } from '../tasks/code-task.js';
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
  error_ids: string[];
  per_instance: Record<string, InstanceGrade>;
}

const PredictionSchema = z.object({
  instance_id: z.string().min(1),
  model_patch: z.string().nullable().transform((p) => p ?? ''),
});

/** Reads predictions JSONL; a malformed line fails the whole grade with its file:line. */
export async function readPredictions(file: string): Promise<Array<z.output<typeof PredictionSchema>>> {
  const text = await readFile(file, 'utf8').catch((err: Error) => {
    throw new CrucibleError('invalid_dataset', `cannot read predictions ${file}: ${err.message}`, { hint: 'pass an existing JSONL file' });
  });
  const out: Array<z.output<typeof PredictionSchema>> = [];
  for (const [i, rawLine] of text.split('\n').entries()) {
    const line = rawLine.trim();
    if (line === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      throw new CrucibleError('invalid_dataset', `${file}:${i + 1}: not valid JSON (${(err as Error).message})`, { hint: 'one {"instance_id", "model_patch"} object a line' });
    }
    const parsed = PredictionSchema.safeParse(raw);
    if (!parsed.success) {
      throw new CrucibleError('invalid_dataset', `${file}:${i + 1}: ${describeIssues(parsed.error)}`, { hint: 'one {"instance_id", "model_patch"} object a line' });
    }
    out.push(parsed.data);
  }
  return out;
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
  const report: GradeReport = { total: tasks.length, submitted: 0, resolved_ids: [], unresolved_ids: [], error_ids: [], per_instance: {} };
  // A later line for the same instance replaces an earlier one.
  const latest = [...new Map(predictions.map((p) => [p.instance_id, p])).values()];
  const known = latest.filter((p) => byId.has(p.instance_id));
  for (const p of latest.filter((p) => !byId.has(p.instance_id))) {
    report.error_ids.push(p.instance_id);
    report.per_instance[p.instance_id] = { status: 'error', reason: 'no instance with this id in the dataset', tests: {} };
  }
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
