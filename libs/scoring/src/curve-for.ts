import { bootstrapEstimate } from './estimate.js';
import { commonKMax, kValues } from './k-values.js';
import { type ScoringOptions, ciOptions, majOptions } from './scoring-options.js';
import type { TaskPool } from './task-pool.js';
import type { Aggregate, CurvePoint } from './types.js';

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
  return ks.map((k) => {
    const est = bootstrapEstimate(
      live.map((p) => metric(p, k)),
      ciOptions(opts),
    );
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
