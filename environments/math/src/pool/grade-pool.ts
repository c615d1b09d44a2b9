import { availableParallelism } from 'node:os';
import type { GradeVerdict } from '../grade-verdict.js';
import { workerEntry } from './worker-entry.js';
import { WorkerPool } from './worker-pool.js';

/** Per-grade time limit unless the caller sets one. */
export const DEFAULT_GRADE_TIMEOUT_MS = 2000;

let pool: WorkerPool | undefined;

// Symbolic checks run in workers so a pathological answer costs one worker its time limit, never the event loop.
function gradingPool(): WorkerPool {
  pool ??= new WorkerPool(workerEntry(), Math.max(1, Math.min(4, availableParallelism())));
  return pool;
}

/**
 * Grades one case in a worker. When it takes longer than `timeoutMs`, the worker is terminated (and
 * replaced) and the verdict is `{ equal: false, rule: 'timeout' }`.
 */
export async function gradeInWorker(gold: string, pred: string, timeoutMs: number): Promise<GradeVerdict> {
  const result = await gradingPool().run(gold, pred, timeoutMs);
  if (result !== 'timeout') return result;
  return { equal: false, rule: 'timeout', extracted: null, extractedBy: null, confidence: null, ambiguous: false, gold, pred: null };
}

/** Stops the grading workers (a new pool starts on the next grade). Idle workers never keep a process alive anyway. */
export async function closeGradingPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.close();
}
