function decode(part) {
  return decodeURIComponent(part);
}

/**
 * Parses a query string ("?a=1&b=two") into an object; repeated keys collect into arrays.
 * @param {string} query
 * @returns {Record<string, string | string[]>}
 */
export function parseQuery(query) {
  const out = {};
  const text = query.startsWith('?') ? query.slice(1) : query;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
    if (Object.hasOwn(out, key)) out[key] = [].concat(out[key], value);
    else out[key] = value;
  }
  return out;
}

/**
 * The inverse of parseQuery.
 * @param {Record<string, unknown>} params
 * @returns {string}
 */
export function stringifyQuery(params) {
  return Object.entries(params)
    .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((item) => encodeURIComponent(key) + '=' + encodeURIComponent(String(item))))
    .join('&');
}
