import { parseLatex, valueAt } from './latex-engine.js';
import { orient, parseRelation, type Relation } from './relation.js';
import { splitTopLevel, type Structure } from './structure.js';

/** One interval of real numbers; ends may be infinite. */
export interface Span {
  lo: number;
  hi: number;
  loClosed: boolean;
  hiClosed: boolean;
}

/**
 * The solution set of a relation in one variable, as sorted spans: a linear inequality (`-x > -1`),
 * a chain (`0 < x \le 7`), `x \neq 3`, or `x = 2`. Null when the relation has several variables or is not
 * linear in its variable (those are compared as expressions instead).
 */
export function relationSet(rel: Relation): Span[] | null {
  if (rel.ops.length === 2 && /^[a-zA-Z]$/.test(rel.sides[1] as string)) return chainSet(rel);
  if (rel.ops.length !== 1) return null;
  const { lo, op, hi } = orient(rel.sides[0] as string, rel.ops[0] as Relation['ops'][number], rel.sides[1] as string);
  const absolute = absoluteSet(lo, op, hi);
  if (absolute !== undefined) return absolute;
  const line = linearIn(lo, hi);
  if (!line) return null;
  // hi - lo = a*x + b, and the relation says it is > 0, >= 0, = 0 or != 0.
  const root = -line.b / line.a;
  if (op === '=') return [{ lo: root, hi: root, loClosed: true, hiClosed: true }];
  if (op === '\\neq') return [ray(-Infinity, root, false), ray(root, Infinity, false)];
  const closed = op === '\\le';
  return [line.a > 0 ? ray(root, Infinity, closed) : ray(-Infinity, root, closed)];
}

/** The spans of an interval or union answer (`[0,7)`, `(-\infty, 1) \cup (2, \infty)`, `\{-1\}`); null otherwise. */
export function structureSet(shape: Structure, itemShape: (s: string) => Structure): Span[] | null {
  // A pair `(a, b)` read as a set of reals is the open interval (against `a < x < b`).
  if ((shape.kind === 'interval' || shape.kind === 'tuple') && shape.items.length === 2) {
    const lo = constant(shape.items[0] as string);
    const hi = constant(shape.items[1] as string);
    if (lo === null || hi === null) return null;
    return [{ lo, hi, loClosed: shape.open === '[', hiClosed: shape.close === ']' }];
  }
  if (shape.kind === 'set') {
    const points = shape.items.map(constant);
    if (points.some((p) => p === null)) return null;
    return sortSpans((points as number[]).map((p) => ({ lo: p, hi: p, loClosed: true, hiClosed: true })));
  }
  if (shape.kind === 'union') {
    const parts = shape.items.map((item) => structureSet(itemShape(item), itemShape));
    if (parts.some((p) => p === null)) return null;
    return sortSpans((parts as Span[][]).flat());
  }
  return null;
}

/**
 * The solution set of inequalities joined by "or" (`x < -2 \lor x > 3`, cleaned from `x < -2 \text{ or } x > 3`),
 * or null when `s` is not such a disjunction.
 */
export function disjunctionSet(s: string): Span[] | null {
  const parts = splitTopLevel(s, '\\lor');
  if (parts.length < 2) return null;
  const sets = parts.map((part) => {
    const rel = parseRelation(part);
    return rel ? relationSet(rel) : null;
  });
  return sets.every((x) => x !== null) ? sortSpans((sets as Span[][]).flat()) : null;
}

/** Whether two sorted span lists describe the same set (ends within float noise). */
export function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
  const near = (x: number, y: number) => x === y || (Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y)));
  return (
    a.length === b.length &&
    a.every((s, i) => {
      const t = b[i] as Span;
      return near(s.lo, t.lo) && near(s.hi, t.hi) && (s.loClosed === t.loClosed || !Number.isFinite(s.lo)) && (s.hiClosed === t.hiClosed || !Number.isFinite(s.hi));
    })
  );
}

function chainSet(rel: Relation): Span[] | null {
  const [a, x, b] = rel.sides as [string, string, string];
  const [op1, op2] = rel.ops as [Relation['ops'][number], Relation['ops'][number]];
  const first = orient(a, op1, x);
  const second = orient(x, op2, b);
  if (first.op === '=' || first.op === '\\neq' || second.op === '=' || second.op === '\\neq') return null;
  // Both halves must point the same way: `a < x < b` or `b > x > a`.
  const rising = first.hi === x && second.lo === x;
  const falling = first.lo === x && second.hi === x;
  if (!rising && !falling) return null;
  const lower = rising ? first : second;
  const upper = rising ? second : first;
  const lo = constant(lower.lo);
  const hi = constant(upper.hi);
  if (lo === null || hi === null) return null;
  return [{ lo, hi, loClosed: lower.op === '\\le', hiClosed: upper.op === '\\le' }];
}

const ABS = /^(?:\||\\vert|\\lvert)\s*(.+?)\s*(?:\||\\vert|\\rvert)$/;

// `|A| < c`, `|A| \ge c`, `|A| = c` with `A` linear in one variable and `c` a positive constant: the span between
// the roots of `A = \pm c`, the two rays outside them, or the two points. Undefined when neither side is such an
// absolute value (so the caller goes on); null when it is one but not of this form.
function absoluteSet(lo: string, op: '<' | '\\le' | '=' | '\\neq', hi: string): Span[] | null | undefined {
  const inside = ABS.exec(lo.trim()) ?? ABS.exec(hi.trim());
  if (!inside || op === '\\neq') return undefined;
  const absOnLow = ABS.test(lo.trim());
  const c = constant(absOnLow ? hi : lo);
  const line = linearIn('0', inside[1] as string);
  if (c === null || !line || c <= 0) return null;
  const [r1, r2] = [(-c - line.b) / line.a, (c - line.b) / line.a].sort((x, y) => x - y) as [number, number];
  const closed = op !== '<';
  if (op === '=') return [{ lo: r1, hi: r1, loClosed: true, hiClosed: true }, { lo: r2, hi: r2, loClosed: true, hiClosed: true }];
  if (absOnLow) return [{ lo: r1, hi: r2, loClosed: closed, hiClosed: closed }];
  return [ray(-Infinity, r1, closed), ray(r2, Infinity, closed)];
}

function ray(lo: number, hi: number, closed: boolean): Span {
  return { lo, hi, loClosed: closed && Number.isFinite(lo), hiClosed: closed && Number.isFinite(hi) };
}

// Sorted, with overlapping and touching spans merged, so one set has one spelling: `[0, 1) \cup \{1\}` is `[0, 1]`
// and `(-\infty, 2) \cup (1, \infty)` is every real.
function sortSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((s, t) => s.lo - t.lo || Number(t.loClosed) - Number(s.loClosed));
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && (span.lo < last.hi || (span.lo === last.hi && (last.hiClosed || span.loClosed)))) {
      if (span.hi > last.hi || (span.hi === last.hi && span.hiClosed)) out[out.length - 1] = { ...last, hi: span.hi, hiClosed: span.hiClosed || (span.hi === last.hi && last.hiClosed) };
      continue;
    }
    out.push({ ...span });
  }
  return out;
}

// hi - lo as a*x + b when it is linear in its one variable (checked at three points).
function linearIn(lo: string, hi: string): { a: number; b: number } | null {
  const l = parseLatex(lo);
  const h = parseLatex(hi);
  if (!l || !h) return null;
  const names = [...new Set([...l.unknowns, ...h.unknowns])];
  if (names.length !== 1) return null;
  const name = names[0] as string;
  const at = (x: number): number | null => {
    const a = valueAt(h, { [name]: x });
    const b = valueAt(l, { [name]: x });
    return a && b && a.im === 0 && b.im === 0 ? a.re - b.re : null;
  };
  const [d0, d1, d2] = [at(0), at(1), at(2)];
  if (d0 === null || d1 === null || d2 === null) return null;
  const a = d1 - d0;
  if (Math.abs(a) < 1e-12 || Math.abs(d2 - d1 - a) > 1e-9 * Math.max(1, Math.abs(a))) return null;
  return { a, b: d0 };
}

function constant(s: string): number | null {
  const t = s.replace(/\s+/g, '');
  if (/^\+?\\infty$|^\+?\\infinity$|^\+?inf$/.test(t)) return Infinity;
  if (/^-\\infty$|^-\\infinity$|^-inf$/.test(t)) return -Infinity;
  const expr = parseLatex(s);
  if (!expr || expr.unknowns.length > 0) return null;
  const v = valueAt(expr);
  return v && v.im === 0 ? v.re : null;
}
