/**
 * Turns a title into a URL slug: lower-case words joined by the separator.
 * @param {string} text
 * @param {string} [separator]
 * @returns {string}
 */
export function slugify(text, separator = '-') {
  const words = String(text)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.join(separator);
}
