/** The shape of a cleaned answer: one value, or a set, tuple, interval or union of intervals. */
export type Structure =
  | { kind: 'scalar'; text: string }
  | { kind: 'set'; items: string[]; /** written without braces (`1, 2`), so it may also be a tuple's coordinates */ bare?: boolean }
  | { kind: 'tuple' | 'interval'; open: string; close: string; items: string[] }
  | { kind: 'union'; items: string[] };

// `1,000` and `12,345.5` are numbers, not lists: a comma followed by exactly three digits groups thousands.
const THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * Splits a cleaned answer into its structure. `\{a, b\}` and a bare list `a, b` are sets (order free);
 * `(a, b)` is a tuple; `[a, b]`, `(a, b]`, `[a, b)` and anything with `\infty` are intervals (order and
 * brackets matter); `A \cup B` is a union.
 */
export function parseStructure(s: string): Structure {
  const unionParts = splitTopLevel(s, '\\cup');
  if (unionParts.length > 1) return { kind: 'union', items: unionParts };
  if (THOUSANDS.test(s)) return { kind: 'scalar', text: s };
  if (s.startsWith('\\{') && s.endsWith('\\}') && closingOf(s, 0) === s.length - 2) {
    return { kind: 'set', items: splitTopLevel(s.slice(2, -2), ',') };
  }
  const open = s[0];
  const close = s[s.length - 1];
  if ((open === '(' || open === '[') && (close === ')' || close === ']') && closingOf(s, 0) === s.length - 1) {
    const items = splitTopLevel(s.slice(1, -1), ',');
    if (items.length > 1) {
      const interval = open !== '(' || close !== ')' || (items.length === 2 && items.some((i) => i.includes('\\infty')));
      return { kind: interval ? 'interval' : 'tuple', open, close, items };
    }
  }
  const items = splitTopLevel(s, ',');
  if (items.length > 1) return { kind: 'set', items, bare: true };
  const both = plusMinus(s);
  if (both) return { kind: 'set', items: both };
  return { kind: 'scalar', text: s };
}

// `a \pm b` is the two values `a + b` and `a - b` (Math-Verify reads it so), `\pm b` is `b` and `-b`, and a `\pm`
// inside a group (`\frac{1 \pm \sqrt5}{2}`) splits the whole answer the same way: `\pm` binds as `+` and `-` do,
// so writing each sign in its place keeps the precedence. `\mp` takes the other sign.
function plusMinus(s: string): string[] | null {
  const signs = s.match(/\\(?:pm|mp)(?![a-zA-Z])/g);
  if (signs?.length !== 1 || /[=<>]/.test(s)) return null;
  const i = s.search(/\\(?:pm|mp)(?![a-zA-Z])/);
  const lhs = s.slice(0, i).trim();
  const rhs = s.slice(i + 3).trim();
  if (rhs === '') return null;
  const first = signs[0] === '\\pm' ? '+' : '-';
  const second = first === '+' ? '-' : '+';
  const at = (sign: string) => (lhs === '' && sign === '+' ? rhs : `${lhs}${sign}${rhs}`);
  return [at(first), at(second)];
}

/** Index of the bracket that closes the one at `start`, matching any bracket kind, since `(1, 2]` is valid. */
export function closingOf(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const step = bracketStep(s, i);
    depth += step.delta;
    i += step.width - 1;
    if (depth === 0) return i - step.width + 1;
  }
  return -1;
}

/** How a bracket at `i` changes the nesting depth, and how many characters it spans (`\\{` is two). */
export function bracketStep(s: string, i: number): { delta: number; width: number } {
  const pair = s.slice(i, i + 2);
  if (pair === '\\{') return { delta: 1, width: 2 };
  if (pair === '\\}') return { delta: -1, width: 2 };
  const ch = s[i] as string;
  if ('([{'.includes(ch)) return { delta: 1, width: 1 };
  if (')]}'.includes(ch)) return { delta: -1, width: 1 };
  return { delta: 0, width: 1 };
}

/** Splits on `separator` outside any brackets; parts are trimmed and empty parts dropped. */
export function splitTopLevel(s: string, separator: string): string[] {
  return splitOutsideBrackets(s, [separator])
    .parts.map((p) => p.trim())
    .filter((p) => p !== '');
}

/**
 * Splits on any of `separators` (tried in order, so list `\\le` before `<`) outside any brackets; returns the
 * untrimmed parts and the separator found between each pair. A word-like separator such as `\\cup` does not
 * match the start of a longer command (`\\cupdot`).
 */
export function splitOutsideBrackets<S extends string>(s: string, separators: readonly S[]): { parts: string[]; found: S[] } {
  const parts: string[] = [];
  const found: S[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const sep = depth === 0 ? separators.find((x) => s.startsWith(x, i) && !(/[a-zA-Z]$/.test(x) && /[a-zA-Z]/.test(s[i + x.length] ?? ''))) : undefined;
    if (sep !== undefined) {
      parts.push(s.slice(start, i));
      found.push(sep);
      start = i + sep.length;
      i = start - 1;
      continue;
    }
    const step = bracketStep(s, i);
    depth += step.delta;
    i += step.width - 1;
  }
  parts.push(s.slice(start));
  return { parts, found };
}
