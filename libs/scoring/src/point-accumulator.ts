import type { Compute, EpisodeRecord, ExitReason } from '@crucible/core';
import type { CurveRequest } from './curve-for.js';
import { ValueBag } from './estimate.js';
import { type ScoringOptions, ciOptions } from './scoring-options.js';
import { TaskPool } from './task-pool.js';
import type { PointSummary } from './types.js';
import { addToTotals, divideTotals, emptyTotals } from './usage-totals.js';

/** Running totals of one point; memory grows with its tasks and distinct answers, not with its episodes. */
export class PointAccumulator {
  readonly compute: Compute;
  readonly pools = new Map<string, TaskPool>();
  private episodes = 0;
  private passed = 0;
  private errors = 0;
  private readonly exitReasons: Partial<Record<ExitReason, number>> = {};
  private readonly usage = emptyTotals();
  private wallMs = 0;
  private knownUsd = 0;
  private unknownCost = 0;
  private readonly accuracy = new ValueBag();
  private readonly byDifficulty = new Map<number, ValueBag>();
  private readonly byFamily = new Map<string, ValueBag>();

  constructor(
    readonly point: string,
    first: EpisodeRecord,
  ) {
    this.compute = first.compute;
  }

  add(record: EpisodeRecord): void {
    this.episodes++;
    // An infra error is not a wrong answer: it counts apart and stays out of every accuracy (see the README).
    if (record.status === 'error') this.errors++;
    else {
      if (record.score.passed) this.passed++;
      const value = record.score.value;
      this.accuracy.add(value, record.taskId);
      if (record.difficulty !== undefined) bagOf(this.byDifficulty, record.difficulty).add(value, record.taskId);
      if (record.family !== undefined) bagOf(this.byFamily, record.family).add(value, record.taskId);
    }
    this.exitReasons[record.exitReason] = (this.exitReasons[record.exitReason] ?? 0) + 1;
    addToTotals(this.usage, record.usage);
    this.wallMs += record.wallMs;
    if (record.costUsd === null) this.unknownCost++;
    else this.knownUsd += record.costUsd;
    let pool = this.pools.get(record.taskId);
    if (!pool) this.pools.set(record.taskId, (pool = new TaskPool(record.taskId)));
    pool.add(record);
  }

  summary(opts: ScoringOptions = {}): PointSummary {
    const ci = ciOptions(opts);
    return {
      point: this.point,
      compute: this.compute,
      tasks: this.pools.size,
      episodes: this.episodes,
      scored: this.episodes - this.errors,
      accuracy: this.accuracy.estimate(ci),
      passed: this.passed,
      errors: this.errors,
      errorRate: this.episodes === 0 ? 0 : this.errors / this.episodes,
      exitReasons: { ...this.exitReasons },
      usage: { total: { ...this.usage }, perEpisode: divideTotals(this.usage, this.episodes) },
      meanWallMs: this.episodes === 0 ? 0 : this.wallMs / this.episodes,
      cost: { totalUsd: this.unknownCost > 0 ? null : this.knownUsd, knownUsd: this.knownUsd, unknownEpisodes: this.unknownCost },
      byDifficulty: [...this.byDifficulty]
        .sort((a, b) => a[0] - b[0])
        .map(([difficulty, bag]) => ({ difficulty, episodes: bag.n, accuracy: bag.estimate(ci) })),
      byFamily: [...this.byFamily]
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .map(([family, bag]) => ({ family, episodes: bag.n, accuracy: bag.estimate(ci) })),
    };
  }

  /** The compute curve to draw (with `curvesFor`) over all tasks, or over those a filter keeps. */
  curveRequest(keep: (pool: TaskPool) => boolean = () => true): CurveRequest {
    return { point: this.point, aggregate: this.compute.strategy.aggregate, pools: [...this.pools.values()].filter(keep) };
  }
}

function bagOf<K>(map: Map<K, ValueBag>, key: K): ValueBag {
  let bag = map.get(key);
  if (!bag) map.set(key, (bag = new ValueBag()));
  return bag;
}
