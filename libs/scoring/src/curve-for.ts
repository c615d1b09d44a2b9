import { groupedEstimates } from './estimate.js';
import { commonKMax, kValues } from './k-values.js';
import { type ScoringOptions, ciOptions, majOptions } from './scoring-options.js';
import type { TaskPool } from './task-pool.js';
import type { Aggregate, CurvePoint } from './types.js';

/** One compute curve to draw: a point's aggregate over some of its task pools. */
export interface CurveRequest {
  point: string;
  aggregate: Aggregate;
  pools: readonly TaskPool[];
}

/**
 * The curves of several requests, in their order. Every k of every curve over the same number of tasks is
 * bootstrapped in one pass (see `groupedEstimates`); each interval is the one its curve would get alone.
 */
export function curvesFor(requests: readonly CurveRequest[], opts: ScoringOptions = {}): CurvePoint[][] {
  const maj = majOptions(opts);
  const plans = requests.map(({ aggregate, pools }) => {
    const live = pools.filter((p) => p.n > 0);
    const ks = live.length === 0 ? [] : aggregate === 'first' ? [1] : kValues(commonKMax(live));
    const metric: (p: TaskPool, k: number) => number =
      aggregate === 'vote' ? (p, k) => p.majAtK(k, maj).value : aggregate === 'best' ? (p, k) => p.bestAtK(k) : (p) => p.passAtK(1);
    return { live, ks, columns: ks.map((k) => live.map((p) => metric(p, k))) };
  });
  const estimates = groupedEstimates(
    plans.flatMap((p) => p.columns),
    ciOptions(opts),
  );
  let at = 0;
  return plans.map(({ live, ks }, r) => {
    const { point, aggregate } = requests[r] as CurveRequest;
    const perTask = (f: (p: TaskPool) => number) => live.reduce((s, p) => s + f(p), 0) / live.length;
    const wallMs = perTask((p) => p.wallMs / p.n);
    const costKnown = live.every((p) => p.costPerSample() !== null);
    return ks.map((k) => {
      const est = estimates[at++] as (typeof estimates)[number];
      return {
        point,
        k,
        aggregate,
        tasks: live.length,
        score: est.mean,
        ci: { low: est.low, high: est.high },
        tokens: perTask((p) => p.tokensAt(k)),
        calls: perTask((p) => p.callsAt(k)),
        costUsd: costKnown ? perTask((p) => p.costAt(k) ?? 0) : null,
        wallMs: wallMs * k,
      };
    });
  });
}
