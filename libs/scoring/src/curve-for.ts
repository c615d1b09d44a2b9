import { pairedEstimates } from './estimate.js';
import { commonKMax, kValues } from './k-values.js';
import { type ScoringOptions, ciOptions, majOptions } from './scoring-options.js';
import type { TaskPool } from './task-pool.js';
import type { Aggregate, CurvePoint, Estimate } from './types.js';

/** The curve of one point over the given task pools. */
export function curveFor(point: string, aggregate: Aggregate, pools: readonly TaskPool[], opts: ScoringOptions = {}): CurvePoint[] {
  const live = pools.filter((p) => p.n > 0);
  if (live.length === 0) return [];
  const ks = aggregate === 'first' ? [1] : kValues(commonKMax(live));
  const perTask = (f: (p: TaskPool) => number) => live.reduce((s, p) => s + f(p), 0) / live.length;
  const wallMs = perTask((p) => p.wallMs / p.n);
  const costKnown = live.every((p) => p.costPerSample() !== null);
  const maj = majOptions(opts);
  const metric: (p: TaskPool, k: number) => number =
    aggregate === 'vote' ? (p, k) => p.majAtK(k, maj).value : aggregate === 'best' ? (p, k) => p.bestAtK(k) : (p) => p.passAtK(1);
  // One bootstrap for every k (the same resampled tasks each time, so drawn once).
  const estimates = pairedEstimates(
    ks.map((k) => live.map((p) => metric(p, k))),
    ciOptions(opts),
  );
  return ks.map((k, i) => {
    const est = estimates[i] as Estimate;
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
}

/** The aggregate a point's compute settings name; `vote` (the schema default) when absent or unknown. */
export function aggregateOf(compute: Record<string, unknown>): Aggregate {
  const a = compute['aggregate'];
  return a === 'best' || a === 'first' ? a : 'vote';
}
