import { parseJestJson } from './jest-json.js';
import { countsOf, recordOutcome, stripAnsi, type ParsedReport, type ParsedTest, type TestOutcome } from './parsed-test.js';
import { jsTally } from './js-tally.js';

const MARKS: Record<string, TestOutcome> = { '✓': 'passed', '√': 'passed', '×': 'failed', '✗': 'failed', '✕': 'failed', '↓': 'skipped', '□': 'skipped' };
const VERBOSE = /^\s*([✓√×✗✕↓□])\s+(?:\|[^|]+\|\s+)?(.+?)(?:\s+\d+(?:\.\d+)?\s*m?s)?(?:\s+\(retry x\d+\))?\s*$/;
/** The default reporter's failure heading: ` FAIL  test/a.test.ts > suite > test` (a file alone: it failed to load). */
const FAIL_HEAD = /^\s*FAIL\s+(\S.*?)(?:\s+\[ .* \])?\s*$/;
/** `      Tests  1 failed | 3 passed | 1 skipped (5)`. */
const TESTS_LINE = /^\s*Tests\s+((?:\d+ [a-z]+(?: \| )?)+)\s*\(\d+\)\s*$/;
const COUNT = /(?<n>\d+) (?<word>[a-z]+)/g;

/**
 * Reads vitest output: the JSON report (`--reporter=json`) when present; else the verbose reporter's lines
 * `✓ file > suite > test 2ms` / `×` / `↓` (skipped) / `□` (todo); else the default reporter, which names
 * failed tests (`FAIL file > suite > test`) and tallies the rest (`Tests  1 failed | 3 passed (4)`).
 */
export function parseVitestReport(text: string): ParsedReport {
  const fromJson = parseJestJson(text);
  if (fromJson) return { tests: fromJson };
  const found = new Map<string, TestOutcome>();
  const brokenFiles: string[] = [];
  let counts: Record<string, number> | undefined;
  for (const raw of stripAnsi(text).split('\n')) {
    const tally = TESTS_LINE.exec(raw);
    if (tally) {
      counts = countsOf(tally[1] ?? '', COUNT);
      continue;
    }
    const failed = FAIL_HEAD.exec(raw);
    const m = failed ? null : VERBOSE.exec(raw);
    const [path, status] = failed ? [failed[1] ?? '', 'failed' as const] : m ? [m[2] ?? '', MARKS[m[1] ?? ''] ?? 'failed'] : [undefined, undefined];
    if (path === undefined || status === undefined) continue;
    const [file = '', ...names] = path.split(' > ');
    // The first part is the file; a line without " > " is a whole file's summary (or, after FAIL, a file that did not load).
    if (names.length === 0) {
      if (failed) brokenFiles.push(file);
      continue;
    }
    // Keyed by file and name: a failure heading repeats a verbose line's test.
    recordOutcome(found, `${file}\u0000${names.join(' > ')}`, status);
  }
  const tests: ParsedTest[] = [...found].map(([key, status]) => {
    const [file, name = ''] = key.split('\u0000');
    return { file, name, status };
  });
  return counts ? { tests, tally: jsTally(tests, counts, brokenFiles) } : { tests };
}

/** The per-test results of {@link parseVitestReport}. */
export function parseVitest(text: string): ParsedTest[] {
  return parseVitestReport(text).tests;
}
