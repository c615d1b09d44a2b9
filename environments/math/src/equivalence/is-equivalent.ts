import { cleanAnswer } from './clean.js';
import { compareExpressions } from './compare-expressions.js';
import { normalizeCleaned } from './normalize-answer.js';
import { parseNumber } from './parse-number.js';
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
  | 'set'
  | 'tuple'
  | 'interval'
  | 'union'
  | 'mismatch'
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

/**
 * Compares a reference answer with a predicted one (both bare answers, not full outputs).
 * Order of checks: identical after cleaning (`exact`); structure (`set` ignores order, `tuple`
 * and `interval` do not, and interval brackets must agree); exact rationals (`numeric`, `fraction`);
 * compute-engine on LaTeX (`latex-numeric`, `symbolic`); nerdamer expand (`symbolic-identity`).
 */
export function isEquivalent(gold: string, pred: string): EquivalenceVerdict {
  const g = cleanAnswer(gold);
  const p = cleanAnswer(pred);
  return { ...compareCleaned(g, p), gold: normalizeCleaned(g), pred: normalizeCleaned(p) };
}

function compareCleaned(g: string, p: string): Decision {
  if (g === '' || p === '') return { equal: false, rule: 'unparseable' };
  if (g === p) return { equal: true, rule: 'exact' };
  const sg = parseStructure(g);
  const sp = parseStructure(p);
  if (sg.kind === 'scalar' && sp.kind === 'scalar') return compareScalars(g, p);
  const rule = sg.kind === 'scalar' ? sp.kind : sg.kind;
  return { equal: sameStructure(sg, sp), rule: rule === 'scalar' ? 'mismatch' : rule };
}

function sameStructure(a: Structure, b: Structure): boolean {
  if (a.kind === 'scalar' || b.kind === 'scalar') return false;
  if (a.kind !== b.kind || a.items.length !== b.items.length) return false;
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
  if (ng && np) {
    return { equal: ng.value.equals(np.value), rule: ng.form === 'fraction' || np.form === 'fraction' ? 'fraction' : 'numeric' };
  }
  // Word answers ("odd", "Devon") compare as text; single letters are variables and go to the engine.
  if (/^[a-zA-Z][a-zA-Z ]+$/.test(g) && /^[a-zA-Z][a-zA-Z ]+$/.test(p)) {
    return g.toLowerCase() === p.toLowerCase() ? { equal: true, rule: 'exact' } : { equal: false, rule: 'mismatch' };
  }
  const byEngine = compareExpressions(g, p);
  if (byEngine?.equal) return byEngine;
  if (isSymbolicIdentity(g, p)) return { equal: true, rule: 'symbolic-identity' };
  return byEngine ?? { equal: false, rule: 'unparseable' };
}
