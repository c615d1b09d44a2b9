import { argumentError } from './argument-error.js';
import type { Interval } from './types.js';

/**
 * Wilson score interval for a binomial proportion. With no trials it is [0, 1] (nothing is known);
 * the ends are exact 0 and 1 when all trials failed or all passed.
 */
export function wilsonInterval(successes: number, n: number, z = 1.96): Interval {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(successes) || successes < 0 || successes > n) {
    throw argumentError('wilsonInterval', `need integers 0 <= successes <= n, got successes=${successes}, n=${n}`);
  }
  if (!(z > 0)) throw argumentError('wilsonInterval', `z must be positive, got ${z}`);
  if (n === 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return {
    low: successes === 0 ? 0 : Math.max(0, center - half),
    high: successes === n ? 1 : Math.min(1, center + half),
  };
}
