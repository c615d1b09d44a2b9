import { checkInt } from './argument-error.js';
import type { SampleGroup } from './sample-group.js';

/**
 * Expected correctness of keeping the sample with the highest verify value out of a random k-subset
 * of the samples; ties are broken uniformly at random. Samples without a verify value rank below all others.
 */
export function bestAtK(samples: ReadonlyArray<{ verifyValue?: number; passed: boolean }>, k: number): number {
  checkInt('bestAtK', 'k', k, 1, samples.length);
  const ranked = samples.map((s) => [rankValue(s.verifyValue), s.passed ? 1 : 0] as const);
  return bestAtKFromGroups(tieGroups(ranked.flat()), k);
}

/** Verify value used for ranking: missing or NaN ranks lowest. */
export function rankValue(value: number | undefined): number {
  return value === undefined || Number.isNaN(value) ? -Infinity : value;
}

function descending(a: number, b: number): number {
  return a > b ? -1 : a < b ? 1 : 0;
}

/** Tie groups, best first, of a flat list of (rank value, passed 0/1) pairs. */
export function tieGroups(pairs: readonly number[]): SampleGroup[] {
  const order = Array.from({ length: pairs.length / 2 }, (_, i) => i).sort((a, b) => descending(pairs[2 * a], pairs[2 * b]));
  const groups: SampleGroup[] = [];
  let last = NaN;
  for (const i of order) {
    const value = pairs[2 * i];
    if (value !== last) groups.push({ count: 0, passed: 0 });
    const g = groups[groups.length - 1];
    g.count++;
    g.passed += pairs[2 * i + 1];
    last = value;
  }
  return groups;
}

/**
 * best@k from tie groups sorted best first. The kept sample lies in group G when the subset misses every
 * sample ranked above G and hits G: (C(N - above, k) - C(N - above - |G|, k)) / C(N, k); within G every member
 * is equally likely to be kept, so G adds its pass fraction times that probability.
 */
export function bestAtKFromGroups(groups: readonly SampleGroup[], k: number): number {
  const total = groups.reduce((s, g) => s + g.count, 0);
  checkInt('bestAtKFromGroups', 'k', k, 1, total);
  // ratio = C(m, k) / C(total, k), stepped down one m at a time: C(m-1, k) / C(m, k) = (m - k) / m.
  let m = total;
  let ratio = 1;
  let result = 0;
  for (const g of groups) {
    const before = ratio;
    for (let step = 0; step < g.count; step++, m--) ratio = m > k ? (ratio * (m - k)) / m : 0;
    if (g.passed > 0) result += (g.passed / g.count) * (before - ratio);
  }
  return result;
}
