/** An assignment to a name at the start of an answer item: `x = `, `\theta = `, `x_1 = `, `f(x) = `. */
export const ASSIGNMENT = /^(?:[a-zA-Z]|\\[a-zA-Z]+)(?:_\{?\w+\}?|')?(?:\([a-z, ]*\))?\s*=\s*(?=\S)/;

/**
 * Joins the values of a list of assignments. Different plain names (`a = 2, b = 3`, `x = 1, y = -1`) are the
 * coordinates of one solution and read as the ordered tuple `(2, 3)`, as a system's answer is written; a repeated
 * name (`x = 2, x = 3`) or indexed names (`x_1 = 2, x_2 = 3`, the roots of one equation) are a list of values.
 */
export function joinAssignedValues(items: readonly string[], values: readonly string[]): string {
  const names = items.map((item) => /^([a-zA-Z]|\\[a-zA-Z]+)\s*=/.exec(item.trim())?.[1]);
  const distinct = names.every((n) => n !== undefined) && new Set(names).size === names.length;
  return distinct ? `(${values.join(', ')})` : values.join(', ');
}
