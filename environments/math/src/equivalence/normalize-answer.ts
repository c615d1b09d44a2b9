import { Rational } from '../rational.js';
import { cleanAnswer } from './clean.js';
import { computeEngine, parseLatex, valueAt } from './latex-engine.js';
import { LONE_DECIMAL_COMMA, parseNumber } from './parse-number.js';
import { parseStructure } from './structure.js';
import { goldChoice } from './choice.js';
import { parseMatrix } from './matrix.js';
import { parseRelation } from './relation.js';

const MAX_EXPAND_CHARS = 200;

/**
 * The voting key of an answer: equivalent answers get the same string. Numbers are canonical
 * (`1/2`, `0.5`, `\frac{1}{2}`, `50\%`... -> `0.5`/`50`; non-terminating rationals as `p/q`);
 * constant expressions become their value (`\frac{1}{\sqrt2}` and `\frac{\sqrt2}{2}` -> `0.707106781187`);
 * expressions with variables become their expanded LaTeX (`2(x+1)` -> `2x+2`); sets are sorted.
 * Text that cannot be parsed is returned cleaned.
 */
export function normalizeAnswer(text: string): string {
  return normalizeCleaned(cleanAnswer(text));
}

/** {@link normalizeAnswer} on text already passed through `cleanAnswer`. */
export function normalizeCleaned(s: string): string {
  const letter = goldChoice(s);
  if (letter) return letter;
  const matrix = parseMatrix(s);
  if (matrix) return `\\begin{pmatrix}${matrix.map((row) => row.map(normalizeCleaned).join('&')).join('\\\\')}\\end{pmatrix}`;
  const relation = parseRelation(s);
  if (relation) return relation.sides.map(normalizeCleaned).map((side, i) => (i === 0 ? side : `${relation.ops[i - 1]}${side}`)).join('');
  // Voting keys read a lone decimal comma as a number, as a comparison with a number does (`1,22` = `1.22`).
  const shape = LONE_DECIMAL_COMMA.test(s) ? ({ kind: 'scalar', text: s } as const) : parseStructure(s);
  switch (shape.kind) {
    case 'set':
      return `\\{${shape.items.map(normalizeCleaned).sort().join(',')}\\}`;
    case 'union':
      return shape.items.map(normalizeCleaned).sort().join('\\cup');
    case 'tuple':
    case 'interval':
      return `${shape.open}${shape.items.map(normalizeCleaned).join(',')}${shape.close}`;
    case 'scalar':
      return normalizeScalar(s);
  }
}

function normalizeScalar(s: string): string {
  if (s === '') return s;
  const number = parseNumber(s);
  if (number) return canonicalNumber(number.value);
  if (s.length > MAX_EXPAND_CHARS) return s;
  if (/^[a-zA-Z][a-zA-Z ]+$/.test(s)) return s.toLowerCase();
  const expr = parseLatex(s);
  if (!expr) return s;
  if (expr.unknowns.length > 0) {
    // Expanding `(a+b+c+d+1)^{12}` takes minutes: only small, low-power expressions are expanded.
    if (/\^\s*\{?\s*(?:\d{2,}|[5-9])/.test(s)) return expr.latex;
    try {
      return computeEngine().box(['Expand', expr]).evaluate().latex;
    } catch {
      return expr.latex;
    }
  }
  const value = valueAt(expr);
  if (!value) return expr.latex;
  const re = canonicalFloat(value.re);
  return value.im === 0 ? re : `${re}${value.im < 0 ? '-' : '+'}${canonicalFloat(Math.abs(value.im))}i`;
}

/** A terminating decimal (`0.5`, `1234.5`) when there is one within 12 places, else `p/q`. */
export function canonicalNumber(value: Rational): string {
  return value.toDecimal(12) ?? value.toString();
}

// Floats that are really small-denominator rationals (sqrt(4)/6) get the rational's key.
function canonicalFloat(x: number): string {
  for (let den = 1; den <= 1000; den++) {
    const scaled = x * den;
    const rounded = Math.round(scaled);
    if (Math.abs(scaled - rounded) <= 1e-9 * Math.max(1, Math.abs(scaled)) && Math.abs(rounded) < Number.MAX_SAFE_INTEGER) {
      return canonicalNumber(new Rational(BigInt(rounded), BigInt(den)));
    }
  }
  return String(Number(x.toPrecision(12)));
}
