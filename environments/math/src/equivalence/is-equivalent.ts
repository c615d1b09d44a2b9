import { goldChoice, predChoice } from './choice.js';
import { cleanAnswer } from './clean.js';
import { compareExpressions } from './compare-expressions.js';
import { numbersEqual } from './compare-numbers.js';
import { compareRelations } from './compare-relations.js';
import { parseMatrix } from './matrix.js';
import { normalizeCleaned } from './normalize-answer.js';
import { LONE_DECIMAL_COMMA, parseNumber } from './parse-number.js';
import { parseRelation, type Relation } from './relation.js';
import { disjunctionSet, relationSet, sameSpans, structureSet, type Span } from './solution-set.js';
import { parseStructure, type Structure } from './structure.js';
import { isSymbolicIdentity } from './symbolic-identity.js';

/** The rule that decided an equivalence verdict. */
export type EquivalenceRule =
  | 'exact'
  | 'numeric'
  | 'fraction'
  | 'latex-numeric'
  | 'symbolic'
  | 'symbolic-identity'
  | 'text'
  | 'choice'
  | 'relation'
  | 'matrix'
  | 'set'
  | 'tuple'
  | 'interval'
  | 'union'
  | 'mismatch'
  | 'too-large'
  | 'unparseable';

/** Whether two answers are the same, the rule that decided it, and both answers normalised. */
export interface EquivalenceVerdict {
  equal: boolean;
  rule: EquivalenceRule;
  gold: string;
  pred: string;
}

interface Decision {
  equal: boolean;
  rule: EquivalenceRule;
}

/** Longest cleaned answer compared at all; longer ones are `too-large` (a verdict, not an error). */
export const MAX_ANSWER_CHARS = 1000;
const WORDS = /^[a-zA-Z][a-zA-Z '-]*$/;

/**
 * Compares a reference answer with a predicted one (both bare answers, not full outputs).
 * Order of checks: identical after cleaning (`exact`); a multiple-choice reference (`choice`);
 * matrices; equations and inequalities (`relation`: solution sets in one variable, else proportional
 * sides); structure (`set` ignores order, `tuple` and `interval` do not, interval brackets must agree,
 * an interval also matches the inequality with the same solutions); exact rationals (`numeric`, `fraction`);
 * words (`text`, case-insensitive); compute-engine on LaTeX (`latex-numeric`, `symbolic`); nerdamer
 * expand when the engine cannot evaluate (`symbolic-identity`).
 */
export function isEquivalent(gold: string, pred: string): EquivalenceVerdict {
  const g = cleanAnswer(gold);
  // A reference that is an equation (`x + y = 5`, not `x = 5`) is compared with the whole predicted equation.
  const p = parseRelation(g) ? cleanAnswer(pred, { keepAssignment: true }) : cleanAnswer(pred);
  // A reference assignment (`y = 2x + 3`) against a predicted equation that is not one (`y - 2x = 3`): the
  // two equations are compared whole, since the prediction's value is not on one side.
  const whole = cleanAnswer(gold, { keepAssignment: true });
  const decision = whole !== g && parseRelation(whole) && parseRelation(p) ? compareCleaned(whole, p) : compareCleaned(g, p);
  if (decision.rule === 'too-large') return { ...decision, gold: g.slice(0, MAX_ANSWER_CHARS), pred: p.slice(0, MAX_ANSWER_CHARS) };
  return { ...decision, gold: normalizeCleaned(g), pred: normalizeCleaned(p) };
}

function compareCleaned(gold: string, pred: string): Decision {
  if (gold === '' || pred === '') return { equal: false, rule: 'unparseable' };
  const gd = disjunctionSet(gold);
  const pd = disjunctionSet(pred);
  if (gd || pd) {
    const other = (s: string) => disjunctionSet(s) ?? relationSetOf(s) ?? structureSet(parseStructure(s), parseStructure);
    const a = gd ?? other(gold);
    const b = pd ?? other(pred);
    return { equal: !!a && !!b && sameSpans(a, b), rule: 'relation' };
  }
  // "or" between values (`2 \lor 3`) is a list.
  const g = gold.replace(/\s*\\lor\s*/g, ', ');
  const p = pred.replace(/\s*\\lor\s*/g, ', ');
  if (g.length > MAX_ANSWER_CHARS || p.length > MAX_ANSWER_CHARS) return { equal: false, rule: 'too-large' };
  if (g === p) return { equal: true, rule: 'exact' };
  const letter = goldChoice(g);
  if (letter) {
    const picked = predChoice(p);
    if (picked) return { equal: picked === letter, rule: 'choice' };
  }
  const gm = parseMatrix(g);
  const pm = parseMatrix(p);
  if (gm || pm) return { equal: !!gm && !!pm && sameCells(gm, pm), rule: 'matrix' };
  const gr = parseRelation(g);
  const pr = parseRelation(p);
  if (gr || pr) return compareWithRelation(g, gr, p, pr);
  const sg = shapeOf(g, p);
  const sp = shapeOf(p, g);
  if (sg.kind === 'scalar' && sp.kind === 'scalar') return compareScalars(g, p);
  const rule = sg.kind === 'scalar' ? sp.kind : sg.kind;
  return { equal: sameStructure(sg, sp), rule: rule === 'scalar' ? 'mismatch' : rule };
}

// A decimal comma is read as one only when the other side is not a list.
function shapeOf(s: string, other: string): Structure {
  if (LONE_DECIMAL_COMMA.test(s) && parseStructure(other).kind === 'scalar') return { kind: 'scalar', text: s };
  return parseStructure(s);
}

function compareWithRelation(g: string, gr: Relation | null, p: string, pr: Relation | null): Decision {
  if (gr && pr) return { equal: compareRelations(gr, pr) === true, rule: 'relation' };
  const rel = (gr ?? pr) as Relation;
  const other = gr ? p : g;
  // `x \in [0, 7)` was cleaned to `[0, 7)`; it matches `0 \le x < 7`.
  const spans = relationSet(rel);
  const otherSpans = structureSet(parseStructure(other), parseStructure);
  if (spans && otherSpans) return { equal: sameSpans(spans, otherSpans), rule: 'relation' };
  // A prediction that works to a value (`2 + 3 = 5`, `y = 5`) is read at its last side, as Minerva does.
  // `mc^2 = E` states the value on its left.
  if (pr && pr.ops.every((op) => op === '=')) {
    const last = pr.sides[pr.sides.length - 1] as string;
    const value = /^(?:[a-zA-Z]|\\[a-zA-Z]+)(?:_\{?\w+\}?)?$/.test(last) ? (pr.sides[0] as string) : last;
    const decision = compareCleaned(g, value);
    return decision.equal ? decision : { equal: false, rule: 'relation' };
  }
  return { equal: false, rule: 'relation' };
}

function relationSetOf(s: string): Span[] | null {
  const rel = parseRelation(s);
  return rel ? relationSet(rel) : null;
}

function sameCells(a: string[][], b: string[][]): boolean {
  return a.length === b.length && a.every((row, i) => row.length === b[i]?.length && row.every((cell, j) => compareCleaned(cell, b[i]?.[j] as string).equal));
}

function sameStructure(a: Structure, b: Structure): boolean {
  if (a.kind === 'scalar' || b.kind === 'scalar') return false;
  if ((a.kind === 'union') !== (b.kind === 'union') || (a.kind === 'interval' && b.kind === 'set') || (a.kind === 'set' && b.kind === 'interval')) {
    // `\{-1\} \cup [0, 7)` against `[0,7) \cup \{-1\}` is handled below; against other spellings, by the set they describe.
    const sa = structureSet(a, parseStructure);
    const sb = structureSet(b, parseStructure);
    if (sa && sb) return sameSpans(sa, sb);
  }
  if (a.items.length !== b.items.length) return false;
  // A list without braces against a tuple is the tuple's coordinates, in order (`2, 3` = `a = 2, b = 3` = `(2, 3)`).
  const bareList = (x: Structure, y: Structure) => x.kind === 'set' && x.bare === true && y.kind === 'tuple';
  if (bareList(a, b) || bareList(b, a)) return a.items.every((item, i) => compareCleaned(item, b.items[i] as string).equal);
  if (a.kind !== b.kind) return false;
  if (a.kind === 'set' || a.kind === 'union') return matchUnordered(a.items, b.items);
  if (b.kind !== 'tuple' && b.kind !== 'interval') return false;
  if (a.open !== b.open || a.close !== b.close) return false;
  return a.items.every((item, i) => compareCleaned(item, b.items[i] as string).equal);
}

function matchUnordered(gold: readonly string[], pred: readonly string[]): boolean {
  const used = new Set<number>();
  return gold.every((item) => {
    const j = pred.findIndex((candidate, k) => !used.has(k) && compareCleaned(item, candidate).equal);
    if (j < 0) return false;
    used.add(j);
    return true;
  });
}

function compareScalars(g: string, p: string): Decision {
  const ng = parseNumber(g);
  const np = parseNumber(p);
  if (ng && np) return { equal: numbersEqual(ng, np), rule: ng.form === 'fraction' || np.form === 'fraction' ? 'fraction' : 'numeric' };
  // Word answers ("odd", "Devon") compare as text; single letters are variables and go to the engine.
  if (WORDS.test(g) && WORDS.test(p) && (g.length > 1 || p.length > 1)) {
    return { equal: g.toLowerCase().replace(/\s+/g, ' ') === p.toLowerCase().replace(/\s+/g, ' '), rule: 'text' };
  }
  const long = (n: typeof ng) => (n?.places ?? 0) >= 6;
  const byEngine = compareExpressions(g.replace(/%$/, ''), p.replace(/%$/, ''), long(ng) || long(np) ? 1e-6 : 1e-9);
  if (byEngine) return byEngine;
  // The engine could not evaluate one side (an unknown function, say): try a symbolic expansion.
  if (isSymbolicIdentity(g, p)) return { equal: true, rule: 'symbolic-identity' };
  return { equal: false, rule: 'unparseable' };
}
