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
  const ks = kValues(commonKMax(live));
  const rows = ks.map((k) => {
    const majResults = live.map((p) => p.majAtK(k, maj));
    const columns = [live.map((p) => p.passAtK(k)), majResults.map((r) => r.value)];
    if (hasVerify) columns.push(live.map((p) => p.bestAtK(k)));
    return { k, columns, exact: majResults.filter((r) => r.method === 'exact').length };
  });
  // One bootstrap for every k: the same resampled tasks (as before, one k at a time), drawn once.
  const estimates = pairedEstimates(
    rows.flatMap((row) => row.columns),
    ciOptions(opts),
  );
  let at = 0;
  return rows.map(({ k, columns, exact }) => {
    const [passAtK, majAtK, bestAtK] = estimates.slice(at, (at += columns.length));
    return { point, k, tasks: live.length, passAtK, majAtK, bestAtK: bestAtK ?? null, majMethod: { exact, monteCarlo: live.length - exact } };
  });
}
