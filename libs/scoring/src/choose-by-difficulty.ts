import { curvesFor } from './curve-for.js';
import { curveCost } from './pareto.js';
import type { PointAccumulator } from './point-accumulator.js';
import type { ScoringOptions } from './scoring-options.js';
import type { CostKey, CurvePoint } from './types.js';

/** The best setting for one difficulty, or null when none fits the cost limit. */
export interface DifficultyChoice {
  difficulty: number;
  best: CurvePoint | null;
  /** Settings (point, k) considered: those with a known cost within the limit. */
  candidates: number;
}

const SAME_SCORE = 1e-12;

/**
 * For each difficulty, the (point, k) with the highest score over that difficulty's tasks, ties going to the
 * lower cost; costs are those of the same tasks. Tasks without a difficulty are left out.
 */
export function chooseByDifficulty(points: readonly PointAccumulator[], costKey: CostKey, maxCost: number | undefined, opts: ScoringOptions): DifficultyChoice[] {
  const difficulties = new Set<number>();
  for (const point of points) for (const pool of point.pools.values()) if (pool.difficulty !== undefined) difficulties.add(pool.difficulty);
  const sorted = [...difficulties].sort((a, b) => a - b);
  // Every curve at once: those over the same number of tasks share one bootstrap pass.
  const curves = curvesFor(
    sorted.flatMap((difficulty) => points.map((point) => point.curveRequest((pool) => pool.difficulty === difficulty))),
    opts,
  );
  return sorted.map((difficulty, d) => {
    const candidates = curves
      .slice(d * points.length, (d + 1) * points.length)
      .flat()
      .map((p) => ({ p, cost: curveCost(p, costKey) }))
      .filter((x): x is { p: CurvePoint; cost: number } => x.cost !== null && (maxCost === undefined || x.cost <= maxCost));
    let best: { p: CurvePoint; cost: number } | null = null;
    for (const c of candidates) {
      if (!best || c.p.score > best.p.score + SAME_SCORE || (Math.abs(c.p.score - best.p.score) <= SAME_SCORE && c.cost < best.cost)) best = c;
    }
    return { difficulty, best: best?.p ?? null, candidates: candidates.length };
  });
}
