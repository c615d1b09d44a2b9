import { groupedEstimates } from './estimate.js';
import { commonKMax, kValues } from './k-values.js';
import { type ScoringOptions, ciOptions, majOptions } from './scoring-options.js';
import type { TaskPool } from './task-pool.js';
import type { KCurvePoint } from './types.js';

/**
 * Per point, in their order: pass@k, maj@k and best@k for k = 1, 2, 4, ... and the smallest pool size, each averaged
 * over the tasks with samples, with bootstrap intervals over tasks (the same resampled tasks for all three metrics).
 * Every column over the same number of tasks (any k, any point) is bootstrapped in one pass; each gets the interval
 * it would get alone.
 */
export function kCurves(requests: ReadonlyArray<{ point: string; pools: readonly TaskPool[] }>, opts: ScoringOptions = {}): KCurvePoint[][] {
  const maj = majOptions(opts);
  const plans = requests.map(({ point, pools }) => {
    const live = pools.filter((p) => p.n > 0);
    const hasVerify = live.some((p) => p.hasVerify);
    return kValues(commonKMax(live)).map((k) => {
      const majResults = live.map((p) => p.majAtK(k, maj));
      const columns = [live.map((p) => p.passAtK(k)), majResults.map((r) => r.value)];
      if (hasVerify) columns.push(live.map((p) => p.bestAtK(k)));
      return { point, k, tasks: live.length, columns, exact: majResults.filter((r) => r.method === 'exact').length };
    });
  });
  const estimates = groupedEstimates(
    plans.flatMap((rows) => rows.flatMap((row) => row.columns)),
    ciOptions(opts),
  );
  let at = 0;
  return plans.map((rows) =>
    rows.map(({ point, k, tasks, columns, exact }) => {
      const [passAtK, majAtK, bestAtK] = estimates.slice(at, (at += columns.length));
      return { point, k, tasks, passAtK, majAtK, bestAtK: bestAtK ?? null, majMethod: { exact, monteCarlo: tasks - exact } };
    }),
  );
}
