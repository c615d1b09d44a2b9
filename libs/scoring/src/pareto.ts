import { argumentError } from './argument-error.js';
import type { CostKey, CurvePoint } from './types.js';

/** A curve point's cost on the given axis; null when unknown (cost of a run with unpriced episodes). */
export function curveCost(point: CurvePoint, key: CostKey): number | null {
  switch (key) {
    case 'tokens':
      return point.tokens;
    case 'calls':
      return point.calls;
    case 'cost':
      return point.costUsd;
    case 'wallMs':
      return point.wallMs;
    default:
      throw argumentError('curveCost', `unknown cost key ${String(key)}; use tokens, calls, cost or wallMs`);
  }
}

/**
 * The points no other point dominates (another has a score at least as high for a cost at most as high, one
 * of the two strictly), sorted by rising cost. Points whose cost is unknown are left out, and of several
 * identical (cost, score) points only the first is kept.
 */
export function paretoFrontier(points: readonly CurvePoint[], costKey: CostKey): CurvePoint[] {
  const known = points
    .map((p) => ({ p, cost: curveCost(p, costKey) }))
    .filter((x): x is { p: CurvePoint; cost: number } => x.cost !== null && !Number.isNaN(x.cost) && !Number.isNaN(x.p.score));
  known.sort((a, b) => a.cost - b.cost || b.p.score - a.p.score);
  const frontier: CurvePoint[] = [];
  let best = -Infinity;
  for (const { p } of known) {
    if (p.score > best) {
      frontier.push(p);
      best = p.score;
    }
  }
  return frontier;
}
