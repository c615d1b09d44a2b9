import { splitOutsideBrackets } from './structure.js';

/** A relation symbol after cleaning (`\geq`, `>=` and `≥` are all `\ge`). */
export type RelationOp = '=' | '<' | '>' | '\\le' | '\\ge' | '\\neq';

/** An equation, inequality or chain (`a < x \le b`): n+1 sides joined by n symbols. */
export interface Relation {
  sides: string[];
  ops: RelationOp[];
}

const OPS: readonly RelationOp[] = ['\\neq', '\\le', '\\ge', '=', '<', '>'];

/** Splits a cleaned answer on relation symbols outside brackets; null when it has none. */
export function parseRelation(s: string): Relation | null {
  const { parts, found } = splitOutsideBrackets(s, OPS);
  if (found.length === 0) return null;
  const sides = parts.map((p) => p.trim());
  return sides.every((side) => side !== '') ? { sides, ops: found } : null;
}

/**
 * One relation written with `<`, `\le`, `=` or `\neq` only: `a > b` becomes `b < a`, so `5 \ge x` and
 * `x \le 5` read the same. Returns the smaller side first.
 */
export function orient(lhs: string, op: RelationOp, rhs: string): { lo: string; op: '<' | '\\le' | '=' | '\\neq'; hi: string } {
  if (op === '>') return { lo: rhs, op: '<', hi: lhs };
  if (op === '\\ge') return { lo: rhs, op: '\\le', hi: lhs };
  return { lo: lhs, op, hi: rhs };
}
