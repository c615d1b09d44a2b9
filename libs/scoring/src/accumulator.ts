import { assertEpisodeFormat, type EpisodeRecord } from '@crucible/core';
import { type DifficultyChoice, chooseByDifficulty } from './choose-by-difficulty.js';
import { curvesFor } from './curve-for.js';
import { kCurves } from './k-curve.js';
import { PointAccumulator } from './point-accumulator.js';
import type { ScoringOptions } from './scoring-options.js';
import type { CostKey, CurvePoint, RunSummary } from './types.js';

/** Aggregates records one at a time, so a run of any length is summarized without holding its records. */
export interface Accumulator {
  add(record: EpisodeRecord): void;
  /** The {@link RunSummary} of everything added so far. */
  result(): RunSummary;
  /** The compute curve of everything added so far (see `computeCurve`). */
  curve(): CurvePoint[];
  /** The compute-optimal setting per difficulty of everything added so far (see `bestPerDifficulty`). */
  bestPerDifficulty(costKey: CostKey, opts?: { maxCost?: number }): DifficultyChoice[];
}

/**
 * A streaming aggregator. It keeps, per point, counters plus one compact pool per task (pass count, one counter
 * per distinct answer, verify values when present), and episode scores only once a score is neither 0 nor 1.
 */
export function createAccumulator(opts: ScoringOptions = {}): Accumulator {
  const points = new Map<string, PointAccumulator>();
  let testDouble = false;
  let episodes = 0;
  return {
    add(record) {
      assertEpisodeFormat(record.format, `episode ${record.id}`, 'invalid_dataset');
      episodes++;
      if (record.model.testDouble) testDouble = true;
      let point = points.get(record.point);
      if (!point) points.set(record.point, (point = new PointAccumulator(record.point, record)));
      point.add(record);
    },
    result() {
      const summaries = [...points.values()].map((p) => p.summary(opts));
      return {
        testDouble,
        episodes,
        points: summaries,
        overall: summaries.length === 1 ? summaries[0] : null,
        kCurves: kCurves([...points.values()].map((p) => ({ point: p.point, pools: [...p.pools.values()] })), opts).flat(),
      };
    },
    curve() {
      return curvesFor([...points.values()].map((p) => p.curveRequest()), opts).flat();
    },
    bestPerDifficulty(costKey, choice = {}) {
      return chooseByDifficulty([...points.values()], costKey, choice.maxCost, opts);
    },
  };
}

/** An accumulator holding the given records. */
export function accumulate(records: Iterable<EpisodeRecord>, opts: ScoringOptions = {}): Accumulator {
  const acc = createAccumulator(opts);
  for (const r of records) acc.add(r);
  return acc;
}
