import { pairedEstimates } from './estimate.js';
import { commonKMax, kValues } from './k-values.js';
import { type ScoringOptions, ciOptions, majOptions } from './scoring-options.js';
import type { TaskPool } from './task-pool.js';
import type { KCurvePoint } from './types.js';

/**
 * pass@k, maj@k and best@k of one point for k = 1, 2, 4, ... and the smallest pool size, each averaged over
 * the tasks with samples, with bootstrap intervals over tasks (the same resampled tasks for all three metrics).
 */
export function kCurve(point: string, pools: readonly TaskPool[], opts: ScoringOptions = {}): KCurvePoint[] {
  const live = pools.filter((p) => p.n > 0);
  const hasVerify = live.some((p) => p.hasVerify);
  const maj = majOptions(opts);
  return kValues(commonKMax(live)).map((k) => {
    const majResults = live.map((p) => p.majAtK(k, maj));
    const exact = majResults.filter((r) => r.method === 'exact').length;
    const columns = [live.map((p) => p.passAtK(k)), majResults.map((r) => r.value)];
    if (hasVerify) columns.push(live.map((p) => p.bestAtK(k)));
    const [passAtK, majAtK, bestAtK] = pairedEstimates(columns, ciOptions(opts));
    return { point, k, tasks: live.length, passAtK, majAtK, bestAtK: bestAtK ?? null, majMethod: { exact, monteCarlo: live.length - exact } };
  });
}
