import type { SuiteRepo } from './suite-types.js';

// Its files at the base commit are the folder suite/textkit/ of this package. Each module carries one task's bug (all but src/index.mjs);
// the visible tests avoid them.

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
  fixture: 'textkit',
  visibleTests,
};
