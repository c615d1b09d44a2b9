import { CrucibleError, type EpisodeRecord } from '@crucible/core';
import { bootstrapEstimate } from './estimate.js';
import { type ScoringOptions, ciOptions } from './scoring-options.js';
import type { Estimate } from './types.js';

/** Options of {@link compareRuns}. */
export interface CompareOptions extends ScoringOptions {
  /** Only records of this point of run a / run b (default: all records). */
  pointA?: string;
  pointB?: string;
}

/** A paired comparison of two runs over the tasks both ran. */
export interface RunComparison {
  shared: number;
  onlyA: number;
  onlyB: number;
  /** Mean task accuracy of each run over the shared tasks. */
  meanA: number;
  meanB: number;
  /** Mean over shared tasks of (accuracy in b - accuracy in a), with a bootstrap interval over tasks. */
  diff: Estimate;
  /** Shared tasks where b scored higher, lower, the same. */
  bWins: number;
  aWins: number;
  ties: number;
}

/**
 * Compares run b against baseline a, pairing by task id. A task's accuracy in a run is the mean
 * `score.value` of its episodes there (across epochs).
 */
export function compareRuns(a: Iterable<EpisodeRecord>, b: Iterable<EpisodeRecord>, opts: CompareOptions = {}): RunComparison {
  const accA = taskMeans(a, opts.pointA);
  const accB = taskMeans(b, opts.pointB);
  const diffs: number[] = [];
  let sumA = 0;
  let sumB = 0;
  let bWins = 0;
  let aWins = 0;
  for (const [task, va] of accA) {
    const vb = accB.get(task);
    if (vb === undefined) continue;
    diffs.push(vb - va);
    sumA += va;
    sumB += vb;
    if (vb > va) bWins++;
    else if (va > vb) aWins++;
  }
  const shared = diffs.length;
  if (shared === 0) {
    throw new CrucibleError('run_mismatch', `the two runs share no task ids (${accA.size} tasks in a, ${accB.size} in b)`, {
      hint: 'compare runs of the same environment and dataset, and check the point names given',
    });
  }
  return {
    shared,
    onlyA: accA.size - shared,
    onlyB: accB.size - shared,
    meanA: sumA / shared,
    meanB: sumB / shared,
    diff: bootstrapEstimate(diffs, ciOptions(opts)),
    bWins,
    aWins,
    ties: shared - bWins - aWins,
  };
}

function taskMeans(records: Iterable<EpisodeRecord>, point: string | undefined): Map<string, number> {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const r of records) {
    if (point !== undefined && r.point !== point) continue;
    let s = sums.get(r.taskId);
    if (!s) sums.set(r.taskId, (s = { sum: 0, n: 0 }));
    s.sum += r.score.value;
    s.n++;
  }
  return new Map([...sums].map(([task, s]) => [task, s.sum / s.n]));
}
