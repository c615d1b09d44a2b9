import { Rng } from '@crucible/core';
import { closeTo, parseLatex, valueAt, type BoxedExpression, type ComplexValue } from './latex-engine.js';

const POINTS = 5;

/**
 * Compares two LaTeX expressions with compute-engine. Constant expressions are compared by value
 * (`latex-numeric`); expressions with variables are evaluated at the same few fixed pseudo-random
 * points (`symbolic`). Null when either side does not parse or no point could be evaluated.
 */
export function compareExpressions(gold: string, pred: string, tolerance = 1e-9): { equal: boolean; rule: 'latex-numeric' | 'symbolic' } | null {
  const g = parseLatex(gold);
  const p = parseLatex(pred);
  if (!g || !p) return null;
  const names = unknownsOf([g, p]);
  if (names.length === 0) {
    const a = valueAt(g);
    const b = valueAt(p);
    return a && b ? { equal: closeTo(a, b, tolerance), rule: 'latex-numeric' } : null;
  }
  let compared = 0;
  for (const [a, b] of sampleValues([g, p], names)) {
    // One point that differs settles it; the rest are not evaluated.
    if (!closeTo(a as ComplexValue, b as ComplexValue)) return { equal: false, rule: 'symbolic' };
    compared++;
  }
  return compared >= 2 ? { equal: true, rule: 'symbolic' } : null;
}

/** The free variables of some expressions, sorted. */
export function unknownsOf(exprs: readonly BoxedExpression[]): string[] {
  return [...new Set(exprs.flatMap((e) => [...e.unknowns]))].sort();
}

/**
 * Each expression's value at the same fixed pseudo-random points, point by point (lazily, so a caller can
 * stop at the first point that settles its question), skipping points where one does not evaluate.
 */
export function* sampleValues(exprs: readonly BoxedExpression[], names: readonly string[]): Generator<ComplexValue[]> {
  for (let k = 0; k < POINTS; k++) {
    const vars = samplePoint(names, k);
    const row = exprs.map((e) => valueAt(e, vars));
    if (row.every((v) => v !== null)) yield row as ComplexValue[];
  }
}

// Positive non-integers keep sqrt/log real and stay off the usual poles (0, 1, -1).
function samplePoint(names: readonly string[], k: number): Record<string, number> {
  const vars: Record<string, number> = {};
  for (const name of names) vars[name] = 0.3 + new Rng('math-equivalence-point', name, k).next() * 2.6;
  return vars;
}
