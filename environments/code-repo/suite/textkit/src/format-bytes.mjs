const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/**
 * Formats a byte count with binary units: 1536 -> "1.5 KB".
 * @param {number} bytes
 * @param {number} [decimals]
 * @returns {string}
 */
export function formatBytes(bytes, decimals = 1) {
  if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError('invalid byte count: ' + bytes);
  let value = bytes;
  let unit = 0;
  while (value > 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = unit === 0 ? String(value) : value.toFixed(decimals).replace(/\.0+$/, '');
  return text + ' ' + UNITS[unit];
}
