import { parseJestJson } from './jest-json.js';
import { countsOf, recordOutcome, stripAnsi, type ParsedReport, type ParsedTest, type TestOutcome } from './parsed-test.js';
import { jsTally } from './js-tally.js';

const MARKS: Record<string, TestOutcome> = { '✓': 'passed', '√': 'passed', '✕': 'failed', '×': 'failed', '○': 'skipped', '✎': 'skipped' };
/** `Tests:       1 failed, 1 skipped, 4 passed, 6 total`. */
const TESTS_LINE = /^Tests:\s+((?:\d+ [a-z]+(?:, )?)+)$/;
const COUNT = /(?<n>\d+) (?<word>[a-z]+)/g;
const SUITE_FAILED = 'Test suite failed to run';

/**
 * Reads jest output: the `--json` report when present; else the default reporter, which prints the tree
 * (`PASS file`, describe names indented two spaces a level, `✓ test (3 ms)`, `✕`, `○ skipped`, `✎ todo`)
 * when it runs one file, and otherwise only `PASS`/`FAIL file`, a `● describe › test` heading per failure
 * and the tally (`Tests: 1 failed, 4 passed, 5 total`) that accounts for the unnamed passes.
 */
export function parseJestReport(text: string): ParsedReport {
  const fromJson = parseJestJson(text);
  if (fromJson) return { tests: fromJson };
  const found = new Map<string, TestOutcome>();
  const brokenFiles: string[] = [];
  let counts: Record<string, number> | undefined;
  let file: string | undefined;
  let stack: string[] = [];
  let inDetails = false;
  for (const raw of stripAnsi(text).split('\n')) {
    const header = /^(PASS|FAIL)\s+(\S+)/.exec(raw);
    if (header) {
      file = header[2];
      stack = [];
      inDetails = false;
      continue;
    }
    const tally = TESTS_LINE.exec(raw.trim());
    if (tally) counts = countsOf(tally[1] ?? '', COUNT);
    const failure = /^\s*● (.+)$/.exec(raw);
    if (failure && file) {
      inDetails = true;
      const title = (failure[1] ?? '').trim();
      if (title === SUITE_FAILED) brokenFiles.push(file);
      else recordOutcome(found, `${file}\u0000${title.split(' › ').join(' > ')}`, 'failed');
      continue;
    }
    if (/^Test Suites:/.test(raw)) inDetails = true;
    if (inDetails || !file || raw.trim() === '') continue;
    const indent = raw.length - raw.trimStart().length;
    const depth = Math.max(0, Math.floor(indent / 2) - 1);
    const body = raw.trim();
    const m = /^([✓√✕×○✎])\s+(.*?)(?:\s+\(\d+(?:\.\d+)?\s*m?s\))?$/.exec(body);
    if (m) {
      const [, mark = '', title = ''] = m;
      const name = mark === '○' ? title.replace(/^skipped /, '') : mark === '✎' ? title.replace(/^todo /, '') : title;
      recordOutcome(found, `${file}\u0000${[...stack.slice(0, depth), name].join(' > ')}`, MARKS[mark] ?? 'failed');
    } else {
      stack = stack.slice(0, depth);
      stack[depth] = body;
    }
  }
  const tests: ParsedTest[] = [...found].map(([key, status]) => {
    const [testFile, name = ''] = key.split('\u0000');
    return { file: testFile, name, status };
  });
  return counts ? { tests, tally: jsTally(tests, counts, brokenFiles) } : { tests };
}

/** The per-test results of {@link parseJestReport}. */
export function parseJest(text: string): ParsedTest[] {
  return parseJestReport(text).tests;
}
