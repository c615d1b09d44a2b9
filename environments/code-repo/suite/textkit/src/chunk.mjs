/**
 * Splits an array into groups of size items.
 * @param {unknown[]} array
 * @param {number} size a positive integer
 * @returns {unknown[][]}
 */
export function chunk(array, size) {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError('chunk size must be a positive integer, got ' + size);
  }
  const out = [];
  for (let i = 0; i + size <= array.length; i += size) {
    out.push(array.slice(i, i + size));
  }
  return out;
}
