import { type MeanCiOptions, pairedMeanCis } from './mean-ci.js';
import { zFor } from './normal-quantile.js';
import type { Estimate } from './types.js';
import { wilsonInterval } from './wilson.js';

/**
 * Values to be averaged, kept compactly: while every value is 0 or 1 only counts are held,
 * and the list is rebuilt (ones, then zeros) when the first other value arrives.
 */
export class ValueBag {
  n = 0;
  private ones = 0;
  private values: number[] | null = null;

  add(value: number): void {
    this.n++;
    if (this.values) {
      this.values.push(value);
    } else if (value === 1) {
      this.ones++;
    } else if (value !== 0) {
      this.values = [...Array<number>(this.ones).fill(1), ...Array<number>(this.n - 1 - this.ones).fill(0), value];
    }
  }

  /** Mean with a Wilson interval when binary, a bootstrap one otherwise. */
  estimate(opts: MeanCiOptions = {}): Estimate {
    if (this.values) return bootstrapEstimate(this.values, opts);
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
