import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { GradeVerdict } from '../grade-verdict.js';
import { workerEntry } from './worker-entry.js';

/** Per-grade time limit unless the caller sets one (`CRUCIBLE_MATH_GRADE_TIMEOUT_MS` overrides it). */
export const DEFAULT_GRADE_TIMEOUT_MS = 2000;

let pool: Piscina | undefined;

/**
 * The shared pool of grading workers (piscina), started on first use. Symbolic checks run there so a
 * pathological answer costs one worker at most its time limit, never the event loop. Idle workers exit
 * after a second, so the pool never keeps a process alive.
 */
function gradingPool(): Piscina {
  if (!pool) {
    const { filename, execArgv } = workerEntry();
    pool = new Piscina({
      filename,
      execArgv,
      minThreads: 0,
      maxThreads: Math.max(1, Math.min(4, availableParallelism())),
      idleTimeout: 1000,
    });
  }
  return pool;
}

/**
 * Grades one case in a worker. When it takes longer than `timeoutMs`, the worker is terminated (piscina
 * replaces it) and the verdict is `{ equal: false, rule: 'timeout' }`.
 */
export async function gradeInWorker(gold: string, pred: string, timeoutMs: number): Promise<GradeVerdict> {
  try {
    return (await gradingPool().run({ gold, pred }, { signal: AbortSignal.timeout(timeoutMs) })) as GradeVerdict;
  } catch (err) {
    if (isAbort(err)) {
      return { equal: false, rule: 'timeout', extracted: null, extractedBy: null, confidence: null, ambiguous: false, gold, pred: null };
    }
    throw err;
  }
}

/** Stops the grading workers (the pool starts again on the next grade). */
export async function closeGradingPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.destroy();
}

function isAbort(err: unknown): boolean {
  const e = err as { name?: string; message?: string } | null;
  return !!e && (e.name === 'AbortError' || /abort/i.test(e.message ?? ''));
}
