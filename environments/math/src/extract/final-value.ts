import { ASSIGNMENT, joinAssignedValues } from '../equivalence/assigned-values.js';
import { splitTopLevel } from '../equivalence/structure.js';

/**
 * The value an extracted answer states: the exact value before `\approx` (`\frac13 \approx 0.33` ->
 * `\frac13`) and the right-hand side of an assignment to a name (`k = \frac13` -> `\frac13`,
 * `x = 2 + 3 = 5` -> `5`). Equations whose left side is more than a name (`x + y = 5`) and inequalities
 * are answers in themselves and stay whole.
 */
export function finalValue(answer: string): string {
  // `x = 2, x = 3` and `x = 2 \text{ or } x = 3` are a list of values, `a = 2, b = 3` a tuple.
  const items = splitTopLevel(answer.replace(/\\text\s*\{\s*(or|and)\s*\}|\s+(?:or|and)\s+/g, ','), ',');
  if (items.length > 1 && items.every((item) => ASSIGNMENT.test(item))) return joinAssignedValues(items, items.map(oneValue));
  return oneValue(answer);
}

function oneValue(answer: string): string {
  let s = answer.trim();
  const approx = s.search(/\\approx(?![a-zA-Z])|≈/);
  if (approx > 0) s = s.slice(0, approx).trim();
  const name = ASSIGNMENT.exec(s);
  if (!name || /\\(?:le|ge|leq|geq|neq|ne|lt|gt)(?![a-zA-Z])|[<>≤≥≠]/.test(s)) return s.replace(/=\s*$/, '').trim();
  const parts = s.slice(name[0].length).split('=');
  return (parts.at(-1) as string).trim() || s;
}
