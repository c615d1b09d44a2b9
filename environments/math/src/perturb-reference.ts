import { cleanAnswer } from './equivalence/clean.js';
import { isEquivalent } from './equivalence/is-equivalent.js';
import { parseNumber } from './equivalence/parse-number.js';
import { Rational } from './rational.js';
import { formatPlain, pickWrongAnswers } from './wrong-answers.js';

/**
 * Plausible wrong answers for a loaded task, from its reference alone. Numbers: ±1, ×10 and the
 * sign flipped (in LaTeX when the reference is LaTeX). Anything else: mangled variants (a digit
 * bumped, a sign swapped, a term added), kept only when the grader does not take them as equal.
 */
export function perturbReference(reference: string): string[] {
  const number = parseNumber(cleanAnswer(reference));
  if (number) {
    const r = number.value;
    const one = Rational.of(1);
    const format = reference.includes('\\') ? (x: Rational) => x.toLatex() : formatPlain;
    return pickWrongAnswers(r, [r.add(one), r.sub(one), r.mul(Rational.of(10)), r.neg()], format);
  }
  const out: string[] = [];
  for (const candidate of mangle(reference)) {
    if (out.length >= 5) break;
    if (candidate === reference || out.includes(candidate)) continue;
    if (!isEquivalent(reference, candidate).equal) out.push(candidate);
  }
  if (out.length === 0) out.push(isEquivalent(reference, '0').equal ? '1' : '0');
  return out;
}

function mangle(reference: string): string[] {
  const bump = (d: string) => String((Number(d) + 1) % 10);
  const variants = [
    reference.replace(/\d(?=\D*$)/, bump),
    reference.replace(/\d/, bump),
    reference.includes('+') ? reference.replace('+', '-') : reference.replace(/(?<=.)-/, '+'),
  ];
  if (/^[a-zA-Z ]+$/.test(reference)) variants.push(`${reference}s`, reference.slice(0, -1), [...reference].reverse().join(''));
  else variants.push(`${reference}+1`, `2\\left(${reference}\\right)`);
  return variants;
}
