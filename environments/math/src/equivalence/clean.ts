import { readBraceGroup, readMacroArgument, replaceMacro } from '../latex-braces.js';
import { ASSIGNMENT, joinAssignedValues } from './assigned-values.js';
import { parseNumber } from './parse-number.js';
import { splitTopLevel } from './structure.js';

const TEXT_MACROS = ['text', 'textbf', 'textit', 'textrm', 'textnormal', 'textsf', 'texttt', 'mathrm', 'mathbf', 'mathit', 'mathsf', 'mathtt', 'mbox', 'hbox', 'operatorname', 'emph'];
// Words that are maths, not units: "2 pi" must not lose its pi.
const MATH_WORDS = new Set(['pi', 'sqrt', 'sin', 'cos', 'tan', 'cot', 'sec', 'csc', 'log', 'ln', 'exp', 'infty', 'infinity', 'and', 'or', 'cup', 'cap', 'i', 'le', 'ge', 'neq', 'times', 'cdot']);
// Written flush against a number ("12cm") only these count as units; "2xy" is a product.
const GLUED_UNITS = new Set(['cm', 'mm', 'km', 'kg', 'mg', 'ml', 'hr', 'hrs', 'min', 'sec', 'ft', 'in', 'lb', 'lbs', 'oz', 'mph', 'kmh', 'kph', 'am', 'pm', 'st', 'nd', 'rd', 'th']);
// Relation spellings, each mapped to one canonical token so `x >= 5`, `x \geq 5` and `x ≥ 5` clean alike.
const RELATIONS: Array<[RegExp, string]> = [
  [/\\(?:leqslant|leq|le)(?![a-zA-Z])|<=|≤/g, ' \\le '],
  [/\\(?:geqslant|geq|ge)(?![a-zA-Z])|>=|≥/g, ' \\ge '],
  [/\\(?:neq|ne)(?![a-zA-Z])|!=|≠/g, ' \\neq '],
  [/\\lt(?![a-zA-Z])/g, ' < '],
  [/\\gt(?![a-zA-Z])/g, ' > '],
];

/**
 * Strips what does not change an answer's value: math delimiters, `\boxed`, `\text{}` and font macros,
 * `\left`/`\right`, spacing commands, `\dfrac`/`\tfrac`/`\cfrac`, degrees, currency signs, trailing unit
 * words ("5 apples", `\frac13 \text{ meters}`, "12 cm^2"), the approximation after an exact value
 * (`\frac13 \approx 0.33`), a leading `x =` and a trailing full stop. Relation symbols get one spelling.
 * The percent sign is kept (as `%`): numbers decide what it means. `keepAssignment` keeps `y = ...` whole,
 * for comparing against a reference that is itself an equation.
 */
export function cleanAnswer(text: string, options: { keepAssignment?: boolean } = {}): string {
  let s = scaleWords(unwrapBoxed(text.trim()));
  // Line breaks `\\` matter only inside a matrix.
  if (!/\\begin\{/.test(s)) s = s.replace(/\\\\/g, ' ');
  s = s.replace(/\n/g, ' ');
  s = dropTrailingTextUnits(s);
  s = replaceMacro(s, TEXT_MACROS, (arg) => arg);
  // "1 and 2", `1 \text{ and } 2`: a list (Minerva's `\text{and}` -> `,`). "or" becomes `\lor`: between
  // inequalities it is a union of solution sets (`x < -2 or x > 3`), between values a list again.
  s = s.replace(/\s*,?\s+and\s+/g, ', ').replace(/\s*,?\s+or\s+/g, ' \\lor ');
  s = s
    .replace(/^\\\(|\\\)$/g, '')
    .replace(/^\\\[|\\\]$/g, '')
    .replace(/\\?\$|€|£|¥/g, '')
    .replace(/\\[dtc]frac(?![a-zA-Z])/g, '\\frac')
    .replace(/\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|bigg|Bigg)(?![a-zA-Z])\s*\.?/g, '')
    .replace(/\\(?:displaystyle|textstyle|mathstrut|limits)(?![a-zA-Z])/g, '')
    .replace(/(?<!\\)\\[!,]|\{,\}/g, (m) => (m === '{,}' ? ',' : ''))
    .replace(/\\(?:quad|qquad)(?![a-zA-Z])|(?<!\\)\\[;: ]|~/g, ' ')
    .replace(/\\lbrace(?![a-zA-Z])\s*/g, '\\{')
    .replace(/\s*\\rbrace(?![a-zA-Z])/g, '\\}')
    // A temperature's scale goes with its degree sign: `60^\circ C`, `60^{\circ}\text{F}`, `60°C`.
    .replace(/(\^\s*\{\s*\\circ\s*\}|\^\s*\\circ(?![a-zA-Z])|°)\s*(?:\\(?:text|mathrm)\s*\{\s*[CF]\s*\}|[CF](?![a-zA-Z]))/g, '$1')
    .replace(/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ(?![a-zA-Z])|\\circ(?![a-zA-Z])|\\degree(?![a-zA-Z])|°/g, '')
    // A Python power (`2**10`, `x**(1/2)`), as code-minded models write it, is a TeX power with a braced exponent.
    .replace(/(?<=[\w)}])\s*\*\*\s*(?:\(([^()]*)\)|(-?[\w.]+))/g, (_m, group?: string, token?: string) => (group !== undefined ? `^{(${group})}` : `^{${token}}`))
    .replace(/\\%/g, '%')
    .replace(/\\(?:ldots|dots|cdots)(?![a-zA-Z])/g, '')
    .replace(/[−–]/g, '-')
    .replace(/∞/g, '\\infty ')
    .replace(/×/g, '\\times ')
    .replace(/÷/g, '\\div ')
    .replace(/·/g, '\\cdot ')
    .replace(/√/g, '\\sqrt')
    .replace(/\\mathbb\s*\{?R\}?/g, '(-\\infty,\\infty)')
    .replace(/\\varnothing(?![a-zA-Z])|∅|^\\\{\s*\\\}$|^\{\s*\}$/g, '\\emptyset');
  for (const [pattern, token] of RELATIONS) s = s.replace(pattern, token);
  // Set-builder notation `\{x \mid x > 2\}` (also `|` or `:`) is the condition's solution set.
  s = s.replace(/^\s*\\\{\s*[a-zA-Z]\s*(?:\\mid(?![a-zA-Z])|\||:)\s*(.+?)\s*\\\}\s*$/, '$1');
  s = s.replace(/\s+/g, ' ').trim().replace(/[.;]+$/, '').replace(/^\+\s*(?=[\d.\\])/, '').trim();
  s = dropApproximation(s);
  s = bracedArguments(s);
  s = unwrapBraces(s);
  if (!options.keepAssignment) s = stripAssignments(s);
  s = stripUnits(s);
  return s;
}

// TeX shorthand `\frac12`, `\frac{1+\sqrt5}2`, `\sqrt3` gets its braces (as the MATH normaliser's fix_fracs and
// fix_sqrt do), and `\binom{n}{k}` becomes factorials the engine evaluates.
function bracedArguments(s: string): string {
  let out = '';
  let i = 0;
  const pattern = /\\(d?t?frac|d?t?binom|sqrt)(?![a-zA-Z])\s*/g;
  for (let m = pattern.exec(s); m; m = pattern.exec(s)) {
    if (m.index < i) continue;
    const name = (m[1] as string).replace(/^[dt]/, '');
    let at = m.index + m[0].length;
    let index = '';
    if (name === 'sqrt' && s[at] === '[') {
      const close = s.indexOf(']', at);
      if (close < 0) continue;
      index = s.slice(at, close + 1);
      at = close + 1;
    }
    const args: string[] = [];
    for (let k = 0; k < (name === 'sqrt' ? 1 : 2); k++) {
      const arg = readMacroArgument(s, at);
      if (!arg) break;
      args.push(bracedArguments(arg.content));
      at = arg.end;
    }
    if (args.length < (name === 'sqrt' ? 1 : 2)) continue;
    const [a, b] = args as [string, string];
    const rendered = name === 'binom' ? `\\frac{(${a})!}{(${b})!((${a})-(${b}))!}` : name === 'sqrt' ? `\\sqrt${index}{${a}}` : `\\frac{${a}}{${b}}`;
    out += s.slice(i, m.index) + rendered;
    i = at;
    pattern.lastIndex = at;
  }
  return out + s.slice(i);
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

const SCALE_WORDS: Record<string, number> = { thousand: 3, million: 6, billion: 9, trillion: 12 };

// `3 million`, `2.5 \text{ billion}`: a scale word after a number multiplies it (PRM800K's grader reads them so),
// and is not a unit to drop.
function scaleWords(s: string): string {
  return s.replace(
    /(\d)\s*(?:\\(?:text|mbox|mathrm)\s*\{\s*)?(thousand|million|billion|trillion)s?(?![a-zA-Z])(\s*\})?/gi,
    (m, digit: string, word: string, close?: string) => (m.includes('{') === !!close ? `${digit} \\times 10^{${SCALE_WORDS[word.toLowerCase()]}}` : m),
  );
}

// `\frac{1}{3} \text{ meters}`, `5\text{ cm}^2`, `12 \mbox{ inches}`: a word in a text macro after a value is a unit.
function dropTrailingTextUnits(s: string): string {
  const m = /^(.*\S)\s*\\(?:text|mbox|mathrm|textrm|textnormal)\s*\{\s*([a-zA-Z][a-zA-Z .\-/]*)\}(?:\s*\^\s*\{?\d\}?)?\s*\.?$/.exec(s);
  if (!m || MATH_WORDS.has((m[2] as string).trim().toLowerCase())) return s;
  return /[\w})\]]$/.test(m[1] as string) ? (m[1] as string) : s;
}

// The exact value comes first: `\frac{1}{3} \approx 0.33` -> `\frac{1}{3}`; a lone `\approx 0.33` keeps 0.33.
function dropApproximation(s: string): string {
  const i = s.search(/\\approx(?![a-zA-Z])|≈|\\sim(?![a-zA-Z])/);
  if (i < 0) return s;
  const before = s.slice(0, i).trim();
  const after = s.slice(i).replace(/^(?:\\approx|≈|\\sim)\s*/, '');
  return before === '' || /=$/.test(before) ? after : before.replace(/=\s*$/, '').trim();
}

// "x = 5", "\theta = 30", "f(x) = 2x", "x = 2 + 3 = 5", "x \in [1, 2]" -> the value. An equation whose left
// side is more than a name ("x + y = 5") is kept whole: it is the answer.
function stripAssignments(s: string): string {
  const items = splitTopLevel(s, ',');
  if (items.length < 2) return stripAssignment(s);
  const values = items.map(stripAssignment);
  if (items.every((item) => ASSIGNMENT.test(item))) return joinAssignedValues(items, values);
  return values.some((v, i) => v !== items[i]) ? values.join(', ') : s;
}

function stripAssignment(s: string): string {
  // `2 = x` says the same as `x = 2`.
  const flipped = /^([^=<>]+?)\s*=\s*(?:[a-zA-Z]|\\[a-zA-Z]+)(?:_\{?\w+\}?)?$/.exec(s);
  if (flipped && !/[a-zA-Z]/.test((flipped[1] as string).replace(/\\[a-zA-Z]+/g, ''))) return (flipped[1] as string).trim();
  const name = /^(?:[a-zA-Z]|\\[a-zA-Z]+)(?:_\{?\w+\}?|')?(?:\([a-z, ]*\))?\s*(?:=|\\in(?![a-zA-Z]))\s*(?=\S)/.exec(s);
  if (!name) return s;
  const rest = s.slice(name[0].length);
  if (/\\(?:le|ge|neq)(?![a-zA-Z])|[<>]/.test(rest)) return s;
  const parts = rest.split('=');
  return (parts[parts.length - 1] as string).trim() || s;
}

function stripUnits(s: string): string {
  // `15 (dollars)`: a unit in parentheses after a value.
  const paren = /^(.*[\d}])\s*\(\s*([a-zA-Z][a-zA-Z ]*?)\s*\)$/.exec(s);
  if (paren && (paren[2] as string).length >= 2 && !MATH_WORDS.has((paren[2] as string).toLowerCase())) s = (paren[1] as string).trim();
  const m = /^(.*?[\d}])(\s*)([a-zA-Z][a-zA-Z\s/^.\d]*)$/.exec(s);
  if (!m) return s;
  const word = (/^[a-zA-Z]+/.exec(m[3] as string) as RegExpExecArray)[0].toLowerCase();
  const unit = m[2] === '' ? GLUED_UNITS.has(word) : word.length >= 2 && !MATH_WORDS.has(word);
  if (!unit) return s;
  const value = (m[1] as string).trim();
  return parseNumber(value) || /\\(?:frac|sqrt)/.test(value) ? value : s;
}
