import { ComputeEngine } from '@cortex-js/compute-engine';

/** A parsed compute-engine expression (its type is not exported by name in 0.27). */
export type BoxedExpression = ReturnType<ComputeEngine['parse']>;

// compute-engine keeps every expression it has boxed; a fresh engine every few hundred parses keeps memory flat.
const PARSES_PER_ENGINE = 500;
let engine: ComputeEngine | undefined;
let parses = 0;
// One grade parses the same few strings several times (compare, then normalise); parsed once per engine.
const parsed = new Map<string, BoxedExpression | null>();

/** The shared ComputeEngine, created on first use and replaced every few hundred parses. */
export function computeEngine(): ComputeEngine {
  if (!engine || parses >= PARSES_PER_ENGINE) {
    engine = new ComputeEngine();
    parses = 0;
    parsed.clear();
  }
  return engine;
}

/** A complex value; real numbers have `im` 0. */
export interface ComplexValue {
  re: number;
  im: number;
}

/** Parses LaTeX; null when compute-engine reports a syntax error anywhere in it. */
export function parseLatex(latex: string): BoxedExpression | null {
  const ce = computeEngine();
  const known = parsed.get(latex);
  if (known !== undefined) return known;
  parses++;
  let expr: BoxedExpression | null;
  try {
    const boxed = ce.parse(latex);
    expr = boxed.isValid ? boxed : null;
  } catch {
    expr = null;
  }
  parsed.set(latex, expr);
  return expr;
}

/** The numeric value of `expr` with `vars` substituted, or null when it is not a finite number. */
export function valueAt(expr: BoxedExpression, vars?: Record<string, number>): ComplexValue | null {
  try {
    const value = (vars ? expr.subs(vars) : expr).N();
    const { re, im } = value;
    return Number.isFinite(re) && Number.isFinite(im) ? { re, im } : null;
  } catch {
    return null;
  }
}

/**
 * Equal within a relative tolerance (default 1e-9, which absorbs float noise but not rounded answers;
 * callers pass 1e-6 when one side is a long decimal such as `0.333333`, as Math-Verify's rounding does).
 */
export function closeTo(a: ComplexValue, b: ComplexValue, tolerance = 1e-9): boolean {
  const scale = Math.max(1, Math.abs(a.re), Math.abs(b.re), Math.abs(a.im), Math.abs(b.im));
  return Math.abs(a.re - b.re) <= tolerance * scale && Math.abs(a.im - b.im) <= tolerance * scale;
}
