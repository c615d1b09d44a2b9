import { type MeanCiOptions, clusterMeanCi, pairedMeanCis } from './mean-ci.js';
import { zFor } from './normal-quantile.js';
import type { Estimate } from './types.js';
import { wilsonInterval } from './wilson.js';

/**
 * Scores to be averaged, kept per task: a count, a count of ones, and per task a sum and a count, so memory
 * grows with tasks, not episodes. All 0/1 gives a Wilson interval over episodes; otherwise a cluster
 * bootstrap that resamples tasks (a task's epochs are not independent draws).
 */
export class ValueBag {
  n = 0;
  private ones = 0;
  private binary = true;
  private readonly slots = new Map<string, number>();
  private readonly sums: number[] = [];
  private readonly counts: number[] = [];

  add(value: number, taskId: string): void {
    this.n++;
    if (value === 1) this.ones++;
    else if (value !== 0) this.binary = false;
    let slot = this.slots.get(taskId);
    if (slot === undefined) {
      this.slots.set(taskId, (slot = this.sums.length));
      this.sums.push(0);
      this.counts.push(0);
    }
    this.sums[slot] += value;
    this.counts[slot]++;
  }

  estimate(opts: MeanCiOptions = {}): Estimate {
    if (!this.binary) {
      const ci = clusterMeanCi(this.sums, this.counts, opts);
      return { n: ci.n, mean: ci.mean, low: ci.low, high: ci.high, method: 'bootstrap' };
    }
    const ci = wilsonInterval(this.ones, this.n, zFor(opts.confidence ?? 0.95));
    return { n: this.n, mean: this.n === 0 ? NaN : this.ones / this.n, low: ci.low, high: ci.high, method: 'wilson' };
  }
}

/** The bootstrap mean and interval of values, as an {@link Estimate}. */
export function bootstrapEstimate(values: readonly number[], opts: MeanCiOptions = {}): Estimate {
  return pairedEstimates([values], opts)[0];
}

/** Bootstrap estimates of several columns over the same resampled rows (see `pairedMeanCis`). */
export function pairedEstimates(columns: ReadonlyArray<readonly number[]>, opts: MeanCiOptions = {}): Estimate[] {
  return pairedMeanCis(columns, opts).map((ci) => ({ n: ci.n, mean: ci.mean, low: ci.low, high: ci.high, method: 'bootstrap' }));
}

/**
 * {@link pairedEstimates} of columns of any lengths, in their order. Columns of one length are resampled in one pass:
 * the draws depend only on the length and the options, so each column gets the interval it would get on its own.
 */
export function groupedEstimates(columns: ReadonlyArray<readonly number[]>, opts: MeanCiOptions = {}): Estimate[] {
  const byLength = new Map<number, number[]>();
  columns.forEach((column, i) => {
    const group = byLength.get(column.length);
    if (group) group.push(i);
    else byLength.set(column.length, [i]);
  });
  const out = new Array<Estimate>(columns.length);
  for (const group of byLength.values()) {
    const estimates = pairedEstimates(
      group.map((i) => columns[i]),
      opts,
    );
    group.forEach((i, j) => (out[i] = estimates[j]));
  }
  return out;
}
