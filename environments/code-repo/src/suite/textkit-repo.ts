import type { SuiteRepo } from './suite-types.js';

// The library at its base commit. Each module but index.mjs carries one task's bug; the visible tests avoid them.

const index = String.raw`export { chunk } from './chunk.mjs';
export { slugify } from './slugify.mjs';
export { truncate } from './truncate.mjs';
export { get } from './get.mjs';
export { parseQuery, stringifyQuery } from './query.mjs';
export { formatBytes } from './format-bytes.mjs';
export { range } from './range.mjs';
`;

const chunk = String.raw`/**
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
`;

const slugify = String.raw`/**
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
`;

const truncate = String.raw`/**
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
`;

const get = String.raw`/**
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
`;

const query = String.raw`function decode(part) {
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
`;

const formatBytes = String.raw`const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

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
`;

const range = String.raw`/**
 * The numbers from start up to (not including) end, step apart. range(3) is [0, 1, 2].
 * @param {number} start
 * @param {number} [end]
 * @param {number} [step]
 * @returns {number[]}
 */
export function range(start, end, step = 1) {
  if (end === undefined) {
    end = start;
    start = 0;
  }
  if (step === 0) throw new RangeError('step must not be 0');
  const out = [];
  for (let i = start; i < end; i += step) out.push(i);
  return out;
}
`;

const header = (module: string, names: string) =>
  `import { describe, it } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { ${names} } from '../src/${module}.mjs';\n`;

const tests: Record<string, string> = {
  'test/chunk.test.mjs': header('chunk', 'chunk') + String.raw`
describe('chunk', () => {
  it('splits an array into equal groups', () => {
    assert.deepEqual(chunk([1, 2, 3, 4], 2), [[1, 2], [3, 4]]);
  });
  it('returns an empty array for empty input', () => {
    assert.deepEqual(chunk([], 3), []);
  });
  it('rejects a size below one', () => {
    assert.throws(() => chunk([1], 0), RangeError);
  });
});
`,
  'test/slugify.test.mjs': header('slugify', 'slugify') + String.raw`
describe('slugify', () => {
  it('lower-cases and joins words with dashes', () => {
    assert.equal(slugify('Hello World'), 'hello-world');
  });
  it('drops punctuation and outer spaces', () => {
    assert.equal(slugify('  Ready, set... go!  '), 'ready-set-go');
  });
  it('accepts another separator', () => {
    assert.equal(slugify('a b c', '_'), 'a_b_c');
  });
});
`,
  'test/truncate.test.mjs': header('truncate', 'truncate') + String.raw`
describe('truncate', () => {
  it('leaves short text alone', () => {
    assert.equal(truncate('short', 10), 'short');
  });
  it('leaves text of exactly max characters alone', () => {
    assert.equal(truncate('abcde', 5), 'abcde');
  });
});
`,
  'test/get.test.mjs': header('get', 'get') + String.raw`
describe('get', () => {
  it('reads a nested value by a dotted path', () => {
    assert.equal(get({ a: { b: { c: 1 } } }, 'a.b.c'), 1);
  });
  it('reads through arrays', () => {
    assert.equal(get({ list: [{ name: 'x' }] }, 'list.0.name'), 'x');
  });
  it('returns the fallback for a missing path', () => {
    assert.equal(get({ a: {} }, 'a.b.c', 'none'), 'none');
  });
  it('accepts an array of keys', () => {
    assert.equal(get({ 'a.b': 2 }, ['a.b']), 2);
  });
});
`,
  'test/query.test.mjs': header('query', 'parseQuery, stringifyQuery') + String.raw`
describe('parseQuery', () => {
  it('parses key=value pairs', () => {
    assert.deepEqual(parseQuery('a=1&b=two'), { a: '1', b: 'two' });
  });
  it('ignores a leading question mark', () => {
    assert.deepEqual(parseQuery('?x=y'), { x: 'y' });
  });
  it('collects repeated keys into an array', () => {
    assert.deepEqual(parseQuery('t=a&t=b&t=c'), { t: ['a', 'b', 'c'] });
  });
  it('decodes percent escapes', () => {
    assert.deepEqual(parseQuery('city=S%C3%A3o%20Paulo'), { city: 'São Paulo' });
  });
});

describe('stringifyQuery', () => {
  it('round-trips through parseQuery', () => {
    const params = { a: '1', list: ['x', 'y'], text: 'a&b' };
    assert.deepEqual(parseQuery(stringifyQuery(params)), params);
  });
});
`,
  'test/format-bytes.test.mjs': header('format-bytes', 'formatBytes') + String.raw`
describe('formatBytes', () => {
  it('prints small counts in bytes', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(500), '500 B');
  });
  it('uses one decimal for larger units', () => {
    assert.equal(formatBytes(1536), '1.5 KB');
  });
  it('rejects negative counts', () => {
    assert.throws(() => formatBytes(-1), RangeError);
  });
});
`,
  'test/range.test.mjs': header('range', 'range') + String.raw`
describe('range', () => {
  it('counts from zero with one argument', () => {
    assert.deepEqual(range(3), [0, 1, 2]);
  });
  it('takes a start, an end and a step', () => {
    assert.deepEqual(range(2, 10, 3), [2, 5, 8]);
  });
  it('rejects a zero step', () => {
    assert.throws(() => range(0, 5, 0), RangeError);
  });
});
`,
};

/** Test ids (node:test naming: `suite > test`) of the tests above, by file. */
const visibleTests: Record<string, string[]> = {
  'test/chunk.test.mjs': [
    'chunk > splits an array into equal groups',
    'chunk > returns an empty array for empty input',
    'chunk > rejects a size below one',
  ],
  'test/slugify.test.mjs': [
    'slugify > lower-cases and joins words with dashes',
    'slugify > drops punctuation and outer spaces',
    'slugify > accepts another separator',
  ],
  'test/truncate.test.mjs': ['truncate > leaves short text alone', 'truncate > leaves text of exactly max characters alone'],
  'test/get.test.mjs': [
    'get > reads a nested value by a dotted path',
    'get > reads through arrays',
    'get > returns the fallback for a missing path',
    'get > accepts an array of keys',
  ],
  'test/query.test.mjs': [
    'parseQuery > parses key=value pairs',
    'parseQuery > ignores a leading question mark',
    'parseQuery > collects repeated keys into an array',
    'parseQuery > decodes percent escapes',
    'stringifyQuery > round-trips through parseQuery',
  ],
  'test/format-bytes.test.mjs': [
    'formatBytes > prints small counts in bytes',
    'formatBytes > uses one decimal for larger units',
    'formatBytes > rejects negative counts',
  ],
  'test/range.test.mjs': [
    'range > counts from zero with one argument',
    'range > takes a start, an end and a step',
    'range > rejects a zero step',
  ],
};

/** textkit: a dependency-free string and collection toolkit, tested with `node --test`. */
export const TEXTKIT: SuiteRepo = {
  name: 'crucible/textkit',
  framework: 'node-test',
  testCommand: 'node --test --test-reporter=tap {tests}',
  files: {
    'package.json': `${JSON.stringify({ name: 'textkit', version: '1.4.0', type: 'module', main: 'src/index.mjs', scripts: { test: 'node --test' } }, null, 2)}\n`,
    'README.md': '# textkit\n\nSmall string and collection helpers with no dependencies.\n\nRun the tests with `npm test` (node --test).\n',
    '.gitignore': 'node_modules/\n',
    'src/index.mjs': index,
    'src/chunk.mjs': chunk,
    'src/slugify.mjs': slugify,
    'src/truncate.mjs': truncate,
    'src/get.mjs': get,
    'src/query.mjs': query,
    'src/format-bytes.mjs': formatBytes,
    'src/range.mjs': range,
    ...tests,
  },
  visibleTests,
};
