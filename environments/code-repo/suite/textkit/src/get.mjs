/**
 * Reads a nested property by a dotted path ("a.b.0.c") or an array of keys.
 * Returns the fallback when the path does not exist.
 * @param {unknown} object
 * @param {string | Array<string | number>} path
 * @param {unknown} [fallback]
 */
export function get(object, path, fallback) {
  const keys = Array.isArray(path) ? path : String(path).split('.');
  let value = object;
  for (const key of keys) {
    if (value === null || value === undefined) return fallback;
    value = value[key];
  }
  return value || fallback;
}
