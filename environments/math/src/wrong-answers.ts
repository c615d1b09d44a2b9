import { Rational } from './rational.js';

/**
 * Three to five plausible wrong answers: the given candidates (the mistakes a solver makes) first,
 * then generic slips (off by one, sign, a factor of ten) until there are at least three.
 * Never the reference itself, never two of the same value.
 */
export function pickWrongAnswers(reference: Rational, candidates: readonly Rational[], format: (r: Rational) => string): string[] {
  const seen = new Set([reference.toString()]);
  const out: string[] = [];
  const take = (r: Rational) => {
    const key = r.toString();
    if (seen.has(key)) return;
    seen.add(key);
    out.push(format(r));
  };
  for (const c of candidates) if (out.length < 5) take(c);
  const one = Rational.of(1);
  const slips = [reference.add(one), reference.sub(one), reference.neg(), reference.mul(Rational.of(10)), reference.add(Rational.of(2))];
  for (const s of slips) if (out.length < 3) take(s);
  return out;
}

/** A number as a GSM8K-style answer: a terminating decimal when there is one, else `p/q`. */
export function formatPlain(r: Rational): string {
  return r.toDecimal(6) ?? r.toString();
}
