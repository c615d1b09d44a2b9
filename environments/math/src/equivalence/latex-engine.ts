import { ComputeEngine } from '@cortex-js/compute-engine';

/** A parsed compute-engine expression (its type is not exported by name in 0.27). */
export type BoxedExpression = ReturnType<ComputeEngine['parse']>;

let engine: ComputeEngine | undefined;

/** The one shared ComputeEngine, created on first use (creating one costs tens of milliseconds). */
export function computeEngine(): ComputeEngine {
  engine ??= new ComputeEngine();
  return engine;
}

/** A complex value; real numbers have `im` 0. */
export interface ComplexValue {
  re: number;
  im: number;
}

/** Parses LaTeX; null when compute-engine reports a syntax error anywhere in it. */
export function parseLatex(latex: string): BoxedExpression | null {
  try {
    const expr = computeEngine().parse(latex);
    return expr.isValid ? expr : null;
  } catch {
    return null;
  }
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

/** Equal within a relative tolerance of 1e-9, which absorbs float noise but not rounded answers. */
export function closeTo(a: ComplexValue, b: ComplexValue): boolean {
  const scale = Math.max(1, Math.abs(a.re), Math.abs(b.re), Math.abs(a.im), Math.abs(b.im));
  return Math.abs(a.re - b.re) <= 1e-9 * scale && Math.abs(a.im - b.im) <= 1e-9 * scale;
}
