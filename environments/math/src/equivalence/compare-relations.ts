import { sampleValues, unknownsOf } from './compare-expressions.js';
import { parseLatex } from './latex-engine.js';
import { orient, type Relation } from './relation.js';
import { relationSet, sameSpans } from './solution-set.js';

/**
 * Compares two relations. In one variable they are compared as solution sets (`5 \ge x` = `x \le 5`,
 * `-x > -1` = `x < 1`, `2x = 4` = `x = 2`). Otherwise each is read as `hi - lo` against 0 and the two
 * differences must be proportional: by a positive factor for inequalities (`y > x` = `2y - 2x > 0`), by
 * any non-zero factor for `=` and `\neq` (`x + y = 5` = `5 - y = x`). Null when a side cannot be evaluated.
 */
export function compareRelations(gold: Relation, pred: Relation): boolean | null {
  const gs = relationSet(gold);
  const ps = relationSet(pred);
  if (gs && ps) return sameSpans(gs, ps);
  if (gold.ops.length !== pred.ops.length) return false;
  if (gold.ops.length === 1) return proportional(gold, pred);
  // A chain of several variables: compare link by link.
  for (let i = 0; i < gold.ops.length; i++) {
    const link = (r: Relation): Relation => ({ sides: [r.sides[i] as string, r.sides[i + 1] as string], ops: [r.ops[i] as Relation['ops'][number]] });
    if (!proportional(link(gold), link(pred))) return false;
  }
  return true;
}

function proportional(gold: Relation, pred: Relation): boolean | null {
  const g = orient(gold.sides[0] as string, gold.ops[0] as Relation['ops'][number], gold.sides[1] as string);
  const p = orient(pred.sides[0] as string, pred.ops[0] as Relation['ops'][number], pred.sides[1] as string);
  const kind = (op: string) => (op === '=' || op === '\\neq' ? op : 'order');
  if (kind(g.op) !== kind(p.op)) return false;
  const exprs = [g.lo, g.hi, p.lo, p.hi].map(parseLatex);
  if (exprs.some((e) => e === null)) return null;
  const parsed = exprs as NonNullable<(typeof exprs)[number]>[];
  const rows = [...sampleValues(parsed, unknownsOf(parsed))];
  if (rows.length < 2) return null;
  let factor: number | null = null;
  for (const [gl, gh, pl, ph] of rows) {
    const dg = (gh?.re ?? 0) - (gl?.re ?? 0);
    const dp = (ph?.re ?? 0) - (pl?.re ?? 0);
    if (Math.abs(dg) < 1e-12 && Math.abs(dp) < 1e-12) continue;
    if (Math.abs(dp) < 1e-12 || Math.abs(dg) < 1e-12) return false;
    const r = dg / dp;
    if (factor === null) factor = r;
    else if (Math.abs(r - factor) > 1e-9 * Math.max(1, Math.abs(factor))) return false;
  }
  if (factor === null) return true;
  // A strict and a non-strict inequality are different even when proportional; so are opposite directions.
  if (kind(g.op) === 'order') return factor > 0 && g.op === p.op;
  return true;
}
