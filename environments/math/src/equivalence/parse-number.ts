import { readMacroArgument } from '../latex-braces.js';
import { Rational } from '../rational.js';

/** A plain number found in an answer, exactly, with the form it was written in. */
export interface ParsedNumber {
  value: Rational;
  form: 'integer' | 'decimal' | 'fraction';
  /** Decimal places as written (`0.330` -> 3); 0 for integers and fractions. */
  places: number;
  /** Written with a trailing `%`: `value` is then the number before the sign (`50%` -> 50). */
  percent: boolean;
}

/** How to read a lone comma between digits that is not a thousands group (`1,22`). */
export interface NumberOptions {
  /** `1,22` -> 1.22 (default true). Off when the reference is a list, where `1,22` means 1 and 22. */
  decimalComma?: boolean;
}

// Thousands groups: `7,425,000`, `1 000` (a space, also `\,` and `{,}` after cleaning), `12,345.5`.
const GROUPED = /^\d{1,3}(?:(,)\d{3}(?:,\d{3})*|( )\d{3}(?: \d{3})*)(?:\.\d+)?$/;
const PLAIN = /^\d+(?:\.\d*)?$|^\.\d+$/;
// A decimal comma: one comma, not followed by a 3-digit group (which would be thousands).
const DECIMAL_COMMA = /^\d+,(?!\d{3}$)\d+$/;
/** A whole answer that is one number with a decimal comma (`1,22`, `-0,5%`); `1,234` is thousands, not this. */
export const LONE_DECIMAL_COMMA = /^[+-]?\d+,(?!\d{3}(?:$|%))\d+%?$/;
const SCIENTIFIC = /^(\d+(?:\.\d+)?|\.\d+)\s*(?:[eE]\s*([+-]?\d+)|(?:\\times|\\cdot|\*|x)\s*10\s*\^\s*\{?\s*([+-]?\d+)\s*\}?)$/;
const POWER_OF_TEN = /^10\s*\^\s*\{?\s*([+-]?\d+)\s*\}?$/;
const MAX_EXPONENT = 400;

/**
 * Parses a cleaned answer that is a single number: `42`, `-3.5`, `1,234.50` and `1 000` (thousands
 * groups), `1,22` (decimal comma, see {@link NumberOptions}), `1e6`, `1.5 \times 10^{3}`, `3/4`,
 * `\frac{3}{4}`, `\frac34`, `2\frac{1}{2}` (a mixed number), `50%`.
 * Null for anything else, including expressions such as `\sqrt{2}` or `2x`.
 */
export function parseNumber(text: string, options: NumberOptions = {}): ParsedNumber | null {
  let s = text.trim();
  let percent = false;
  if (/\\?%$/.test(s)) {
    percent = true;
    s = s.replace(/\\?%$/, '').trim();
  }
  const sign = /^[+-]\s*/.exec(s);
  const body = sign ? s.slice(sign[0].length) : s;
  const inner = parseUnsigned(body, options);
  if (!inner) return null;
  const value = sign?.[0].startsWith('-') ? inner.value.neg() : inner.value;
  return { ...inner, value, percent };
}

function parseUnsigned(s: string, options: NumberOptions): Omit<ParsedNumber, 'percent'> | null {
  if (PLAIN.test(s) || GROUPED.test(s)) return decimal(s.replace(/[, ]/g, ''));
  if ((options.decimalComma ?? true) && DECIMAL_COMMA.test(s)) return decimal(s.replace(',', '.'));
  const sci = SCIENTIFIC.exec(s);
  if (sci) {
    const mantissa = decimal(sci[1] as string);
    return mantissa && scaled(mantissa.value, Number(sci[2] ?? sci[3]));
  }
  const power = POWER_OF_TEN.exec(s);
  if (power) return scaled(new Rational(1n), Number(power[1]));
  // `2 1/2` is a mixed number (two and a half), as recipes and GSM8K write it, not 2 times 1/2.
  const mixedSlash = /^(\d+)\s+(\d+)\s*\/\s*(\d+)$/.exec(s);
  if (mixedSlash && BigInt(mixedSlash[2] as string) < BigInt(mixedSlash[3] as string) && mixedSlash[3] !== '0') {
    const frac = new Rational(BigInt(mixedSlash[2] as string), BigInt(mixedSlash[3] as string));
    return { value: new Rational(BigInt(mixedSlash[1] as string)).add(frac), form: 'fraction', places: 0 };
  }
  const slash = /^([\d.]+)\s*\/\s*([\d.]+)$/.exec(s);
  if (slash) return ratio(decimal(slash[1] as string), decimal(slash[2] as string));
  if (/^\\frac(?![a-zA-Z])/.test(s)) return parseFrac(s, options);
  const mixed = /^(\d+)\s*(\\frac(?![a-zA-Z]).*)$/.exec(s);
  if (mixed) {
    const frac = parseFrac(mixed[2] as string, options);
    if (!frac || frac.value.num < 0n) return null;
    return { value: new Rational(BigInt(mixed[1] as string)).add(frac.value), form: 'fraction', places: 0 };
  }
  return null;
}

function decimal(s: string): Omit<ParsedNumber, 'percent'> | null {
  if (!PLAIN.test(s)) return null;
  const [whole = '', frac = ''] = s.split('.');
  const value = new Rational(BigInt(`${whole || '0'}${frac}`), 10n ** BigInt(frac.length));
  return { value, form: s.includes('.') ? 'decimal' : 'integer', places: frac.length };
}

function scaled(mantissa: Rational, exp: number): Omit<ParsedNumber, 'percent'> | null {
  if (!Number.isInteger(exp) || Math.abs(exp) > MAX_EXPONENT) return null;
  const scale = new Rational(10n ** BigInt(Math.abs(exp)));
  const value = exp >= 0 ? mantissa.mul(scale) : mantissa.div(scale);
  return { value, form: value.isInteger() ? 'integer' : 'decimal', places: 0 };
}

function parseFrac(s: string, options: NumberOptions): Omit<ParsedNumber, 'percent'> | null {
  const top = readMacroArgument(s, '\\frac'.length);
  const bottom = top ? readMacroArgument(s, top.end) : null;
  if (!top || !bottom || s.slice(bottom.end).trim() !== '') return null;
  return ratio(parseNumber(top.content, options), parseNumber(bottom.content, options));
}

function ratio(top: Omit<ParsedNumber, 'percent'> | null, bottom: Omit<ParsedNumber, 'percent'> | null): Omit<ParsedNumber, 'percent'> | null {
  if (!top || !bottom || bottom.value.isZero()) return null;
  return { value: top.value.div(bottom.value), form: 'fraction', places: 0 };
}
