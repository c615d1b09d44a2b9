import { Rational } from '../rational.js';
import type { ParsedNumber } from './parse-number.js';

const HUNDRED = 100n;

/**
 * Whether two written numbers are the same. Exact rationals compare exactly (`0.5` = `\frac12`,
 * `10.00` = `10`, `1000000` != `1000001`); a long decimal (6 or more places, as a float prints) matches
 * within a relative 1e-6, like Math-Verify's rounding (`0.333333` = `\frac13`, but `0.33` != `\frac13`).
 * A percentage on one side matches the other side's value either as written or divided by 100
 * (`50\%` = `50` = `0.5`, the MATH normaliser and Math-Verify together); two percentages compare as written.
 */
export function numbersEqual(a: ParsedNumber, b: ParsedNumber): boolean {
  if (a.percent === b.percent) return sameValue(a, b);
  const [pct, other] = a.percent ? [a, b] : [b, a];
  return sameValue(pct, other) || sameValue({ ...pct, value: pct.value.div(new Rational(HUNDRED)) }, other);
}

function sameValue(a: ParsedNumber, b: ParsedNumber): boolean {
  if (a.value.equals(b.value)) return true;
  if (Math.max(a.places, b.places) < 6) return false;
  const x = a.value.toNumber();
  const y = b.value.toNumber();
  return Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(x), Math.abs(y));
}
