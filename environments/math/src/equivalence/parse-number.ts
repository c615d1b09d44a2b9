import { readMacroArgument } from '../latex-braces.js';
import { Rational } from '../rational.js';

/** A plain number found in an answer, exactly, with the form it was written in. */
export interface ParsedNumber {
  value: Rational;
  form: 'integer' | 'decimal' | 'fraction';
}

const DECIMAL = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?$|^\.\d+$/;
const SCIENTIFIC = /^(\d+(?:\.\d+)?)[eE]([+-]?\d+)$/;

/**
 * Parses a cleaned answer that is a single number: `42`, `-3.5`, `1,234.50` (commas only as
 * thousands groups), `1e6`, `3/4`, `\frac{3}{4}`, `\frac34`, `2\frac{1}{2}` (a mixed number).
 * Null for anything else, including expressions such as `\sqrt{2}` or `2x`.
 */
export function parseNumber(text: string): ParsedNumber | null {
  const s = text.trim();
  const sign = /^[+-]\s*/.exec(s);
  if (sign) {
    const inner = parseUnsigned(s.slice(sign[0].length));
    if (!inner) return null;
    return s.startsWith('-') ? { value: inner.value.neg(), form: inner.form } : inner;
  }
  return parseUnsigned(s);
}

function parseUnsigned(s: string): ParsedNumber | null {
  if (DECIMAL.test(s)) {
    const [whole = '', frac = ''] = s.replace(/,/g, '').split('.');
    const value = new Rational(BigInt(`${whole || '0'}${frac}`), 10n ** BigInt(frac.length));
    return { value, form: s.includes('.') ? 'decimal' : 'integer' };
  }
  const sci = SCIENTIFIC.exec(s);
  if (sci) {
    const mantissa = parseUnsigned(sci[1] as string);
    const exp = Number(sci[2]);
    if (!mantissa || Math.abs(exp) > 400) return null;
    const scale = new Rational(10n ** BigInt(Math.abs(exp)));
    return { value: exp >= 0 ? mantissa.value.mul(scale) : mantissa.value.div(scale), form: 'decimal' };
  }
  const slash = /^([\d.,]+)\s*\/\s*([\d.,]+)$/.exec(s);
  if (slash) return ratio(parseUnsigned(slash[1] as string), parseUnsigned(slash[2] as string));
  if (s.startsWith('\\frac')) return parseFrac(s);
  const mixed = /^(\d+)\s*(\\frac.*)$/.exec(s);
  if (mixed) {
    const frac = parseFrac(mixed[2] as string);
    if (!frac || frac.value.num < 0n) return null;
    return { value: new Rational(BigInt(mixed[1] as string)).add(frac.value), form: 'fraction' };
  }
  return null;
}

function parseFrac(s: string): ParsedNumber | null {
  const top = readMacroArgument(s, '\\frac'.length);
  const bottom = top ? readMacroArgument(s, top.end) : null;
  if (!top || !bottom || s.slice(bottom.end).trim() !== '') return null;
  return ratio(parseNumber(top.content), parseNumber(bottom.content));
}

function ratio(top: ParsedNumber | null, bottom: ParsedNumber | null): ParsedNumber | null {
  if (!top || !bottom || bottom.value.isZero()) return null;
  return { value: top.value.div(bottom.value), form: 'fraction' };
}
