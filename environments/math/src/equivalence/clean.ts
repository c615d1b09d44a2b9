import { readBraceGroup, replaceMacro } from '../latex-braces.js';
import { parseNumber } from './parse-number.js';

const TEXT_MACROS = ['text', 'textbf', 'textit', 'textrm', 'textnormal', 'mathrm', 'mathbf', 'mathit', 'mathsf', 'mbox', 'operatorname'];
// Words that are maths, not units: "2 pi" must not lose its pi.
const MATH_WORDS = new Set(['pi', 'sqrt', 'sin', 'cos', 'tan', 'cot', 'sec', 'csc', 'log', 'ln', 'exp', 'infty', 'infinity', 'and', 'or', 'cup', 'cap', 'i']);
// Written flush against a number ("12cm") only these count as units; "2xy" is a product.
const GLUED_UNITS = new Set(['cm', 'mm', 'km', 'kg', 'mg', 'ml', 'hr', 'hrs', 'min', 'sec', 'ft', 'in', 'lb', 'lbs', 'oz', 'mph', 'kmh', 'kph', 'am', 'pm']);

/**
 * Strips what does not change an answer's value: math delimiters, `\boxed`, `\text{}` and font macros,
 * `\left`/`\right`, spacing commands, `\dfrac`/`\tfrac`, degrees, percent and currency signs, a leading
 * `x =`, trailing unit words ("5 apples", "12 cm^2") and a trailing full stop.
 * Percent signs are dropped, so `50\%` and `50` are the same answer (and `0.5` is not).
 */
export function cleanAnswer(text: string): string {
  let s = unwrapBoxed(text.trim());
  s = replaceMacro(s, TEXT_MACROS, (arg) => arg);
  s = s
    .replace(/^\\\(|\\\)$/g, '')
    .replace(/^\\\[|\\\]$/g, '')
    .replace(/\\?\$/g, '')
    .replace(/\\[dt]frac(?![a-zA-Z])/g, '\\frac')
    .replace(/\\(?:left|right|bigl|bigr|Bigl|Bigr|big|Big)(?![a-zA-Z])\s*\.?/g, '')
    .replace(/\\displaystyle(?![a-zA-Z])/g, '')
    .replace(/\\[!,]|\{,\}/g, (m) => (m === '{,}' ? ',' : ''))
    .replace(/\\(?:quad|qquad)(?![a-zA-Z])|\\[;: ]|~/g, ' ')
    .replace(/\^\s*\{?\s*\\circ\s*\}?|\\circ(?![a-zA-Z])|\\degree(?![a-zA-Z])|°/g, '')
    .replace(/\\?%/g, '')
    .replace(/−/g, '-')
    .replace(/∞/g, '\\infty ')
    .replace(/×/g, '\\times ')
    .replace(/÷/g, '\\div ')
    .replace(/·/g, '\\cdot ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.;]+$/, '')
    .trim();
  s = unwrapBraces(s);
  s = stripAssignment(s);
  s = stripUnits(s);
  return s;
}

function unwrapBoxed(s: string): string {
  for (;;) {
    const m = /^\\(?:boxed|fbox)\s*\{/.exec(s);
    const group = m ? readBraceGroup(s, m[0].length - 1) : null;
    if (!group || group.end !== s.length) return s;
    s = group.content.trim();
  }
}

function unwrapBraces(s: string): string {
  while (s.startsWith('{')) {
    const group = readBraceGroup(s, 0);
    if (!group || group.end !== s.length) break;
    s = group.content.trim();
  }
  return s;
}

// "x = 5", "\theta = 30", "x \in [1, 2]" -> the value; a second "=" means it is an equation, kept whole.
function stripAssignment(s: string): string {
  const m = /^(?:[a-zA-Z]|\\[a-zA-Z]+)(?:_\{?\w+\}?)?\s*(?:=|\\in(?![a-zA-Z]))\s*(?=\S)/.exec(s);
  if (!m) return s;
  const rest = s.slice(m[0].length);
  return rest.includes('=') ? s : rest;
}

function stripUnits(s: string): string {
  const m = /^(.*?\d)(\s*)([a-zA-Z][a-zA-Z\s/^.\d]*)$/.exec(s);
  if (!m) return s;
  const word = (/^[a-zA-Z]+/.exec(m[3] as string) as RegExpExecArray)[0].toLowerCase();
  const unit = m[2] === '' ? GLUED_UNITS.has(word) : word.length >= 2 && !MATH_WORDS.has(word);
  return unit && parseNumber(m[1] as string) ? (m[1] as string).trim() : s;
}
