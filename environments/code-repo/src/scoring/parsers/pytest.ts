import { countsOf, recordOutcome, stripAnsi, wholeRun, type ParsedReport, type ParsedTest, type TallyGroup, type TestOutcome } from './parsed-test.js';

const STATUS: Record<string, TestOutcome> = {
  PASSED: 'passed',
  XFAIL: 'passed',
  FAILED: 'failed',
  XPASS: 'failed',
  ERROR: 'error',
  SKIPPED: 'skipped',
};

/** The node id at the start of `rest`, up to a ` - message` suffix; parametrize brackets may hold spaces. */
function nodeIdOf(rest: string): string {
  const bracket = rest.indexOf('[');
  const dash = rest.indexOf(' - ');
  if (bracket !== -1 && (dash === -1 || bracket < dash)) {
    const close = rest.lastIndexOf(']', dash === -1 ? rest.length : rest.indexOf(' - ', rest.indexOf(']', bracket)));
    if (close > bracket) return rest.slice(0, close + 1);
  }
  return dash === -1 ? rest.trim() : rest.slice(0, dash).trim();
}

/** The closing line: `==== 2 failed, 4 passed, 1 skipped in 0.81s ====` (or without the rules, under `-q`). */
const CLOSING = /^=*\s*((?:\d+ [a-z]+(?:, )?)+) in [\d.]+s(?: \([\d:.]+\))?\s*=*$/;
const COUNT = /(?<n>\d+) (?<word>[a-z]+)/g;
/** A default progress line, `tests/test_a.py .F.sx [ 40%]`, and its wrapped continuation `..... [ 80%]`. */
const PROGRESS = /^(\S+\.py) ([.FEsxX]+)\s*(?:\[\s*\d+%\])?$/;
const PROGRESS_MORE = /^([.FEsxX]+)\s+\[\s*\d+%\]$/;

/** Outcome letters of the progress lines, by test file. */
type Letters = Map<string, string>;

function fileGroups(letters: Letters, tests: ParsedTest[], xpassNamed: Set<string>): TallyGroup[] {
  return [...letters].map(([file, marks]) => {
    const inFile = tests.filter((t) => t.file === file);
    const count = (re: RegExp) => (marks.match(re) ?? []).length;
    const named = (s: TestOutcome) => inFile.filter((t) => t.status === s).length;
    const xpassHere = [...xpassNamed].filter((id) => id.startsWith(`${file}::`)).length;
    return {
      covers: (id: string) => id.startsWith(`${file}::`),
      unnamedPassed: Math.max(0, count(/[.x]/g) - named('passed')),
      unnamedOther: Math.max(0, count(/s/g) - named('skipped')) + Math.max(0, count(/X/g) - xpassHere),
    };
  });
}

/**
 * Reads pytest output: the short summary lines (`FAILED path::test - msg`, `ERROR path - msg` for a module
 * that failed to collect, and with `-rA` also `PASSED`/`XFAIL`/`XPASS`), `-v` progress lines
 * (`path::test PASSED [ 50%]`), and the closing tally (`2 failed, 4 passed, 1 skipped in 0.81s`) that
 * accounts for the passes the default report does not name. XFAIL counts as passed and XPASS as failed,
 * as SWE-bench does; a collection error or `Interrupted` run leaves unnamed tests unsettled.
 */
export function parsePytestReport(text: string): ParsedReport {
  const found = new Map<string, TestOutcome>();
  let counts: Record<string, number> | undefined;
  let interrupted = false;
  const xpassNamed = new Set<string>();
  const letters: Letters = new Map();
  let lettersOf: string | undefined;
  for (const raw of stripAnsi(text).split('\n')) {
    const line = raw.trimEnd();
    const summary = /^(PASSED|FAILED|ERROR|XFAIL|XPASS) (.+)$/.exec(line);
    if (summary) {
      const [, word = '', rest = ''] = summary;
      recordOutcome(found, nodeIdOf(rest), STATUS[word] ?? 'error');
      if (word === 'XPASS') xpassNamed.add(nodeIdOf(rest));
      continue;
    }
    if (/^!+ .*Interrupted/.test(line)) interrupted = true;
    const progressLine = PROGRESS.exec(line);
    const more = progressLine ? null : lettersOf ? PROGRESS_MORE.exec(line) : null;
    if (progressLine || more) {
      lettersOf = progressLine ? (progressLine[1] ?? '') : lettersOf;
      const key = lettersOf ?? '';
      letters.set(key, (letters.get(key) ?? '') + ((progressLine ? progressLine[2] : more?.[1]) ?? ''));
      continue;
    }
    lettersOf = undefined;
    const closing = CLOSING.exec(line);
    if (closing) {
      counts ??= {};
      for (const [word, n] of Object.entries(countsOf(closing[1] ?? '', COUNT))) counts[word] = (counts[word] ?? 0) + n;
      continue;
    }
    const progress = /^(\S+::\S.*?) (PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)(?:\s+\[\s*\d+%\])?$/.exec(line);
    if (!progress) continue;
    const [, id = '', word = ''] = progress;
    if (!found.has(id)) found.set(id, STATUS[word] ?? 'error');
    if (word === 'XPASS') xpassNamed.add(id);
  }
  const tests: ParsedTest[] = [...found].map(([name, status]) => ({ name, file: name.split('::')[0], status }));
  if (!counts) return { tests };
  const named = (status: TestOutcome) => tests.filter((t) => t.status === status).length;
  const broken = tests.filter((t) => t.status === 'error' && !t.name.includes('::')).map((t) => t.name);
  return {
    tests,
    tally: {
      completed: !interrupted,
      // Per file where the progress lines count, then the whole run: `-v` and `-rA` name passes too.
      groups: [
        ...fileGroups(letters, tests, xpassNamed),
        wholeRun(
          Math.max(0, (counts['passed'] ?? 0) + (counts['xfailed'] ?? 0) - named('passed')),
          Math.max(0, (counts['skipped'] ?? 0) - named('skipped')) + Math.max(0, (counts['xpassed'] ?? 0) - xpassNamed.size),
        ),
      ],
      didNotRun: (id) => broken.some((file) => id === file || id.startsWith(`${file}::`)),
    },
  };
}

/** The per-test results of {@link parsePytestReport}. */
export function parsePytest(text: string): ParsedTest[] {
  return parsePytestReport(text).tests;
}
