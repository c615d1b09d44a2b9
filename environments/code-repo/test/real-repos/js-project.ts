import type { CommitSpec } from './git-history.js';

/**
 * "slugkit", a small ES module package tested with `node --test` (its default reporter), in the history of
 * a real bug fix: the package, an option, a refactor that breaks custom separators, a docs commit (the base),
 * then the fix, its regression tests, and a release.
 */
const README = `# slugkit

\`slugify("Héllo, World!")\` gives \`"hello-world"\`. Options: \`separator\` (default \`-\`), \`maxLength\`.

Tests: \`npm test\` (\`node --test\`).
`;

const PACKAGE = (version: string) =>
  `${JSON.stringify({ name: 'slugkit', version, type: 'module', main: 'src/index.js', scripts: { test: 'node --test' }, license: 'MIT' }, null, 2)}\n`;

const slugify = (trim: string, helpers = '') => `${helpers}/**
 * Turns a title into a URL slug: "Héllo, World!" -> "hello-world".
 * @param {string} title
 * @param {{ separator?: string, maxLength?: number }} [options]
 */
export function slugify(title, options = {}) {
  const separator = options.separator ?? '-';
  let slug = title
    .normalize('NFKD')
    .replace(/[\\u0300-\\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator);
${trim}
  if (options.maxLength !== undefined && slug.length > options.maxLength) {
    const cut = slug.slice(0, options.maxLength);
    const lastBreak = cut.lastIndexOf(separator);
    slug = lastBreak > 0 ? cut.slice(0, lastBreak) : cut;
  }
  return slug;
}
`;

const ESCAPING_TRIM = "  const edge = separator.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&');\n  slug = slug.replace(new RegExp(`^(?:${edge})+|(?:${edge})+$`, 'g'), '');";
const DASH_TRIM = "  slug = slug.replace(/^-+|-+$/g, '');";
const FIXED_TRIM = '  slug = trimSeparator(slug, separator);';
const TRIM_HELPER = `/** Removes every leading and trailing copy of \`separator\` (any length, any characters). */
function trimSeparator(slug, separator) {
  let start = 0;
  let end = slug.length;
  while (slug.startsWith(separator, start)) start += separator.length;
  while (end - separator.length >= start && slug.endsWith(separator, end)) end -= separator.length;
  return slug.slice(start, end);
}

`;

const TESTS = (extra: string) => `import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { slugify } from '../src/slugify.js';

describe('slugify', () => {
  it('lowercases and joins words', () => {
    assert.equal(slugify('Hello, World!'), 'hello-world');
  });

  it('strips accents', () => {
    assert.equal(slugify('Crème brûlée'), 'creme-brulee');
  });
${extra}
  describe('maxLength', () => {
    it('cuts at a word boundary', () => {
      assert.equal(slugify('The quick brown fox', { maxLength: 12 }), 'the-quick');
    });
  });
});
`;

const REGRESSION = `
  it('trims a custom separator', () => {
    assert.equal(slugify('  Hello World!  ', { separator: '_' }), 'hello_world');
  });

  it('trims a multi-character separator', () => {
    assert.equal(slugify('...Hello World...', { separator: '::' }), 'hello::world');
  });
`;

const author = (name: string) => `${name} <${name.toLowerCase().replace(/ /g, '.')}@example.org>`;

/** The commits, in order; the base is the fourth, the fix the fifth, its tests the sixth. */
export const JS_COMMITS: CommitSpec[] = [
  {
    message: 'Initial commit: slugify',
    author: author('Lea Roux'),
    date: '2024-02-01T11:00:00Z',
    files: {
      'README.md': README,
      'package.json': PACKAGE('1.0.0'),
      'src/index.js': "export { slugify } from './slugify.js';\n",
      'src/slugify.js': slugify(ESCAPING_TRIM).replace(/\n {2}if \(options\.maxLength[\s\S]*?\n {2}\}\n/, '\n'),
      'test/slugify.test.js': TESTS('').replace(/\n {2}describe\('maxLength'[\s\S]*?\n {2}\}\);\n/, '\n'),
      '.gitignore': 'node_modules/\n',
    },
  },
  {
    message: 'Add maxLength option (cut at a word boundary)',
    author: author('Lea Roux'),
    date: '2024-02-14T16:20:00Z',
    files: { 'src/slugify.js': slugify(ESCAPING_TRIM), 'test/slugify.test.js': TESTS('') },
  },
  {
    message: 'Simplify edge trimming\n\nThe escaping regexp was hard to read; a literal one is enough.',
    author: author('Sam Diaz'),
    date: '2024-03-03T09:45:00Z',
    files: { 'src/slugify.js': slugify(DASH_TRIM) },
  },
  {
    message: 'docs: list the options in the README',
    author: author('Sam Diaz'),
    date: '2024-03-20T12:00:00Z',
    files: { 'README.md': `${README}\nSee \`test/\` for examples of every option.\n` },
  },
  {
    message: 'Trim custom separators of any length again (fixes #17)',
    author: author('Kim Berg'),
    date: '2024-04-08T18:30:00Z',
    files: { 'src/slugify.js': slugify(FIXED_TRIM, TRIM_HELPER) },
  },
  {
    message: 'test: separators at the edges (#17)',
    author: author('Kim Berg'),
    date: '2024-04-08T18:41:00Z',
    files: { 'test/slugify.test.js': TESTS(REGRESSION) },
  },
  {
    message: 'Release 1.1.0',
    author: author('Lea Roux'),
    date: '2024-04-15T10:00:00Z',
    files: { 'package.json': PACKAGE('1.1.0'), 'CHANGELOG.md': '## 1.1.0\n\n- Custom separators are trimmed at the edges again (#17).\n' },
  },
];

/** A plausible wrong fix over the base: trims `-` and `_` only, so a `::` separator still sticks. */
export const JS_WRONG_FIX = { 'src/slugify.js': slugify("  slug = slug.replace(/^[-_]+|[-_]+$/g, '');") };

/** The instance fields that depend on the project, not on the commits. */
export const JS_INSTANCE = {
  instance_id: 'acme__slugkit-17',
  repo: 'acme/slugkit',
  version: '1.0',
  problem_statement: [
    'Custom separators are no longer trimmed',
    '',
    "slugify('  Hello World!  ', { separator: '_' }) returns '_hello_world_' since 1.0.2; with '-' it is fine.",
  ].join('\n'),
  hints_text: '',
  test_command: 'node --test {tests}',
  FAIL_TO_PASS: ['slugify > trims a custom separator', 'slugify > trims a multi-character separator'],
  PASS_TO_PASS: ['slugify > lowercases and joins words', 'slugify > strips accents', 'slugify > maxLength > cuts at a word boundary'],
};
