import { Rng } from '@crucible/core';
import { argumentError, checkInt } from './argument-error.js';
import { BootstrapMemo } from './bootstrap-memo.js';
import { zFor } from './normal-quantile.js';
import type { Interval } from './types.js';
import { wilsonInterval } from './wilson.js';

/** Options of {@link meanCi}. */
export interface MeanCiOptions {
  /** Two-sided confidence level; default 0.95. */
  confidence?: number;
  /** Bootstrap resamples; default 2000. */
  resamples?: number;
  /** Seed of the resampling stream; default 0. The same values and seed give the same interval. */
  seed?: number;
}

/** A mean with its bootstrap percentile interval, and the Wilson interval when every value is 0 or 1. */
export interface MeanCi extends Interval {
  n: number;
  mean: number;
  wilson?: Interval;
}

/** True when every value is exactly 0 or 1. */
export function isBinary(values: readonly number[]): boolean {
  for (const v of values) if (v !== 0 && v !== 1) return false;
  return true;
}

/**
 * Mean of `values` with a percentile bootstrap interval (linear interpolation between order statistics).
 * Deterministic given the seed. An empty input gives NaN for mean and ends.
 */
export function meanCi(values: readonly number[], opts: MeanCiOptions = {}): MeanCi {
  const [out] = pairedMeanCis([values], opts);
  if (out.n > 0 && isBinary(values)) out.wilson = wilsonInterval(Math.round(out.mean * out.n), out.n, zFor(opts.confidence ?? 0.95));
  return out;
}

/**
 * {@link meanCi} for several equally long columns at once, resampling the same rows for all of them
 * (one pass instead of one per column, and paired intervals). No Wilson intervals. A column's interval depends only
 * on its values and the options (every call draws the same rows for the same seed and length), so a column seen
 * before, or twice in one call, is not resampled again.
 */
export function pairedMeanCis(columns: ReadonlyArray<readonly number[]>, opts: MeanCiOptions = {}): MeanCi[] {
  const setup = bootstrapSetup(opts);
  const n = columns.length === 0 ? 0 : columns[0].length;
  if (columns.some((c) => c.length !== n)) throw argumentError('pairedMeanCis', 'columns must have the same length');
  if (n === 0) return columns.map(() => ({ n: 0, mean: NaN, low: NaN, high: NaN }));
  const keys = columns.map((col) => memo.key(setup, col));
  const known = new Map<string, MeanCi>();
  const todo = new Map<string, readonly number[]>();
  keys.forEach((key, c) => {
    if (known.has(key) || todo.has(key)) return;
    const hit = memo.get(key);
    if (hit) known.set(key, hit);
    else todo.set(key, columns[c]);
  });
  if (todo.size > 0) {
    const computed = resampledCis([...todo.values()], n, setup);
    [...todo.keys()].forEach((key, i) => {
      known.set(key, computed[i]);
      memo.set(key, computed[i]);
    });
  }
  // Copies: callers may add to what they get (meanCi adds `wilson`).
  return keys.map((key) => ({ ...(known.get(key) as MeanCi) }));
}

const memo = new BootstrapMemo<MeanCi>();

function resampledCis(columns: ReadonlyArray<readonly number[]>, n: number, { resamples, rng, interval }: ReturnType<typeof bootstrapSetup>): MeanCi[] {
  const width = columns.length;
  const values = columns.map((col) => Float64Array.from(col));
  const sums = values.map((col) => col.reduce((s, v) => s + v, 0));
  const means = Array.from({ length: width }, () => new Float64Array(resamples));
  const drawn = new Int32Array(n);
  for (let r = 0; r < resamples; r++) {
    if (width === 1) {
      // The common single-column case: no index buffer.
      const col = values[0];
      let s = 0;
      for (let i = 0; i < n; i++) s += col[(rng.next() * n) | 0];
      means[0][r] = s / n;
      continue;
    }
    for (let i = 0; i < n; i++) drawn[i] = (rng.next() * n) | 0;
    // Each column sums its drawn rows in draw order (so its interval is the one it gets alone), four columns
    // at a time: four independent running sums keep the adder busy.
    let c = 0;
    for (; c + 4 <= width; c += 4) {
      const [a, b, d, e] = [values[c], values[c + 1], values[c + 2], values[c + 3]];
      let sa = 0;
      let sb = 0;
      let sd = 0;
      let se = 0;
      for (let i = 0; i < n; i++) {
        const j = drawn[i];
        sa += a[j];
        sb += b[j];
        sd += d[j];
        se += e[j];
      }
      means[c][r] = sa / n;
      means[c + 1][r] = sb / n;
      means[c + 2][r] = sd / n;
      means[c + 3][r] = se / n;
    }
    for (; c < width; c++) {
      const col = values[c];
      let s = 0;
      for (let i = 0; i < n; i++) s += col[drawn[i]];
      means[c][r] = s / n;
    }
  }
  return means.map((m, c) => interval(m, sums[c] / n, n));
}

/**
 * Cluster bootstrap of a mean over values grouped in clusters (episodes of one task): whole clusters are
 * resampled and each resample's mean is its sum over its count. With one value per cluster it equals
 * {@link meanCi} (same seed, same draws). `n` in the result counts values, not clusters.
 */
export function clusterMeanCi(sums: readonly number[], counts: readonly number[], opts: MeanCiOptions = {}): MeanCi {
  const { resamples, rng, interval } = bootstrapSetup(opts);
  const clusters = sums.length;
  if (counts.length !== clusters) throw argumentError('clusterMeanCi', 'sums and counts must have the same length');
  let sum = 0;
  let n = 0;
  for (let i = 0; i < clusters; i++) {
    sum += sums[i];
    n += counts[i];
  }
  if (n === 0) return { n: 0, mean: NaN, low: NaN, high: NaN };
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    let c = 0;
    for (let i = 0; i < clusters; i++) {
      const pick = (rng.next() * clusters) | 0;
      s += sums[pick];
      c += counts[pick];
    }
    means[r] = s / c;
  }
  return interval(means, sum / n, n);
}

function bootstrapSetup(opts: MeanCiOptions) {
  const confidence = opts.confidence ?? 0.95;
  const resamples = opts.resamples ?? 2000;
  if (!(confidence > 0 && confidence < 1)) throw argumentError('meanCi', `confidence must be in (0, 1), got ${confidence}`);
  checkInt('meanCi', 'resamples', resamples, 1);
  const alpha = 1 - confidence;
  const seed = opts.seed ?? 0;
  return {
    seed,
    confidence,
    resamples,
    rng: new Rng('scoring.meanCi', seed),
    /** Percentile interval of the resampled means (sorted in place). */
    interval(means: Float64Array, mean: number, n: number): MeanCi {
      means.sort();
      // Rounding can put a constant sample's resampled means a hair off its mean; the interval must hold the mean.
      return { n, mean, low: Math.min(mean, quantileSorted(means, alpha / 2)), high: Math.max(mean, quantileSorted(means, 1 - alpha / 2)) };
    },
  };
}

/** The q-quantile of sorted values, interpolating linearly between order statistics (R type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
