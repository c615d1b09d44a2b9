import { Rng } from '@crucible/core';
import { closeTo, parseLatex, valueAt } from './latex-engine.js';

const POINTS = 5;

/**
 * Compares two LaTeX expressions with compute-engine. Constant expressions are compared by value
 * (`latex-numeric`); expressions with variables are evaluated at the same few fixed pseudo-random
 * points (`symbolic`). Null when either side does not parse or no point could be evaluated.
 */
export function compareExpressions(gold: string, pred: string): { equal: boolean; rule: 'latex-numeric' | 'symbolic' } | null {
  const g = parseLatex(gold);
  const p = parseLatex(pred);
  if (!g || !p) return null;
  const names = [...new Set([...g.unknowns, ...p.unknowns])].sort();
  if (names.length === 0) {
    const a = valueAt(g);
    const b = valueAt(p);
    return a && b ? { equal: closeTo(a, b), rule: 'latex-numeric' } : null;
  }
  let compared = 0;
  for (let k = 0; k < POINTS; k++) {
    const vars = samplePoint(names, k);
    const a = valueAt(g, vars);
    const b = valueAt(p, vars);
    if (!a || !b) continue;
    if (!closeTo(a, b)) return { equal: false, rule: 'symbolic' };
    compared++;
  }
  return compared >= 2 ? { equal: true, rule: 'symbolic' } : null;
}

// Positive non-integers keep sqrt/log real and stay off the usual poles (0, 1, -1).
function samplePoint(names: readonly string[], k: number): Record<string, number> {
  const vars: Record<string, number> = {};
  for (const name of names) vars[name] = 0.3 + new Rng('math-equivalence-point', name, k).next() * 2.6;
  return vars;
}
