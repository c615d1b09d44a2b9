export { chunk } from './chunk.mjs';
export { slugify } from './slugify.mjs';
export { truncate } from './truncate.mjs';
export { get } from './get.mjs';
export { parseQuery, stringifyQuery } from './query.mjs';
export { formatBytes } from './format-bytes.mjs';
export { range } from './range.mjs';
