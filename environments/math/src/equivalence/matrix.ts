import { splitTopLevel } from './structure.js';

const ENVIRONMENT = /^[([]?\s*\\begin\{(pmatrix|bmatrix|Bmatrix|vmatrix|Vmatrix|matrix|smallmatrix|array)\}(?:\{[^}]*\})?([\s\S]*)\\end\{\1\}\s*[)\]]?$/;

/**
 * The cells of a matrix answer (`\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}`, also `bmatrix`, `matrix`
 * and `array` in `\left( ... \right)`), row by row; null when the answer is not one matrix.
 * The bracket style does not matter: `pmatrix` and `bmatrix` of the same cells are the same matrix.
 */
export function parseMatrix(s: string): string[][] | null {
  const m = ENVIRONMENT.exec(s.trim());
  if (!m) return null;
  const rows = (m[2] as string).split(/\\\\|\\cr(?![a-zA-Z])/).map((row) => row.trim()).filter((row) => row !== '');
  if (rows.length === 0) return null;
  return rows.map((row) => splitTopLevel(row, '&').map((cell) => cell.trim()));
}
