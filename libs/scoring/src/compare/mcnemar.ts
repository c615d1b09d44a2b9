import { checkInt } from '../argument-error.js';
import { logChoose } from '../log-choose.js';

/** McNemar's exact test on the discordant pairs of a paired pass/fail comparison. */
export interface McNemarResult {
  /** Pairs that passed in the base and failed in the new run. */
  b: number;
  /** Pairs that failed in the base and passed in the new run. */
  c: number;
  /** Two-sided exact p-value: 1 when there are no discordant pairs. */
  pValue: number;
}

/**
 * McNemar's exact test: under "no change" each of the n = b + c discordant pairs is a fair coin, so the
 * two-sided p-value is min(1, 2 P[Binomial(n, 1/2) <= min(b, c)]). Concordant pairs carry no information
 * about the direction of change and do not enter. Summed in log space so large n stays finite.
 */
export function mcnemarExact(b: number, c: number): McNemarResult {
  checkInt('mcnemarExact', 'b', b, 0);
  checkInt('mcnemarExact', 'c', c, 0);
  const n = b + c;
  if (n === 0) return { b, c, pValue: 1 };
  const m = Math.min(b, c);
  const logHalfN = -n * Math.LN2;
  let tail = 0;
  for (let i = 0; i <= m; i++) tail += Math.exp(logChoose(n, i) + logHalfN);
  return { b, c, pValue: Math.min(1, 2 * tail) };
}
