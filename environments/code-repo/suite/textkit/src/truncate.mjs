/**
 * Shortens text to at most max characters, ending with the ellipsis when it had to cut.
 * @param {string} text
 * @param {number} max
 * @param {string} [ellipsis]
 * @returns {string}
 */
export function truncate(text, max, ellipsis = '...') {
  if (text.length <= max) return text;
  return text.slice(0, max) + ellipsis;
}
