import { countsOf, recordOutcome, stripAnsi, type ParsedReport, type ParsedTest, type TestOutcome, wholeRun } from './parsed-test.js';

/**
 * The canonical id `module.Class.test_x` of `test_x (module.Class.test_x)` (Python 3.11+),
 * `test_x (module.Class)` (older Pythons, and SWE-bench's Django ids) or an id already in dotted form.
 */
export function canonicalUnittestId(id: string): string {
  const m = /^(\w+) \(([\w.]+)\)$/.exec(id.trim());
  if (!m) return id.trim();
  const [, method, where] = m as unknown as [string, string, string];
  return where.endsWith(`.${method}`) ? where : `${where}.${method}`;
}

function outcome(word: string): TestOutcome | undefined {
  if (word === 'ok' || word === 'expected failure') return 'passed';
  if (word === 'FAIL' || word === 'unexpected success') return 'failed';
  if (word === 'ERROR') return 'error';
  if (word.startsWith('skipped')) return 'skipped';
  return undefined;
}

const HEAD = /^(\w+) \(([\w.]+)\)/;
/** A module that failed to import: its tests never ran. */
const FAILED_IMPORT = /^([\w.]+) \(unittest\.loader\._FailedTest[\w.]*\) \.\.\. ERROR$/;
const VERDICT = /(?:^|\.\.\. )(ok|FAIL|ERROR|expected failure|unexpected success|skipped(?: .*)?)$/;
/** A failure report's header, right after a row of `=`: `FAIL: test_x (pkg.mod.Class.test_x) (i=1)`. */
const REPORT_HEAD = /^(FAIL|ERROR|UNEXPECTED SUCCESS): ([\w.]+) \(([\w.]+)\)/;
/** Any failure header, including ones naming something that is not a test id (a name unittest could not load). */
const ANY_HEAD = /^(?:FAIL|ERROR|UNEXPECTED SUCCESS): /;
const FIXTURE = /^(setUpClass|setUpModule|tearDownClass|tearDownModule)$/;
const LOADER = /^unittest\.loader\._FailedTest(?:\.|$)/;
const RAN = /^Ran (\d+) tests? in [\d.]+m?s$/;
const CLOSING = /^(OK|FAILED|NO TESTS RAN)(?: \((.*)\))?$/;
const COUNT = /(?<word>failures|errors|skipped|expected failures|unexpected successes)=(?<n>\d+)/g;

/** State of one pass over the output. */
interface Scan {
  results: Map<string, TestOutcome>;
  /** Ids named by a failure report header (each is one of the `Ran N`). */
  reported: Set<string>;
  unexpectedNamed: number;
  /** Failure headers whose subject could not be read: some test failed, but which is unknown. */
  unreadable: number;
  /** Dotted names whose tests did not run: modules that failed to import, classes whose setUpClass failed. */
  notRun: string[];
  ran: number;
  runs: number;
  closed: number;
  counts: Record<string, number>;
}

/** A `FAIL:` / `ERROR:` / `UNEXPECTED SUCCESS:` header of the default (and verbose) report. */
function readHeader(scan: Scan, word: string, name: string, where: string): void {
  if (LOADER.test(where)) {
    // `ERROR: pkg.mod (unittest.loader._FailedTest.pkg.mod)`: a name that could not be imported or found.
    scan.notRun.push(name);
    recordOutcome(scan.results, name, 'error');
    scan.reported.add(name);
    return;
  }
  if (FIXTURE.test(name)) {
    // A failed class or module fixture: the tests under it did not run (setUp) or did not finish cleanly (tearDown).
    scan.notRun.push(where);
    return;
  }
  const id = canonicalUnittestId(`${name} (${where})`);
  recordOutcome(scan.results, id, word === 'ERROR' ? 'error' : 'failed');
  if (word === 'UNEXPECTED SUCCESS') scan.unexpectedNamed++;
  scan.reported.add(id);
}

function scanOutput(text: string): Scan {
  const scan: Scan = { results: new Map(), reported: new Set(), unexpectedNamed: 0, unreadable: 0, notRun: [], ran: 0, runs: 0, closed: 0, counts: {} };
  let pending: string | undefined;
  let inDetails = false;
  let afterRule = false;
  let awaitingClose = false;
  for (const raw of stripAnsi(text).split('\n')) {
    const line = raw.trimEnd();
    const rule = /^={20,}$/.test(line);
    const headerLine = afterRule;
    afterRule = rule;
    const header = headerLine ? REPORT_HEAD.exec(line) : null;
    if (header) {
      const [, word = '', name = '', where = ''] = header;
      readHeader(scan, word, name, where);
      continue;
    }
    if (headerLine && ANY_HEAD.test(line)) {
      scan.unreadable++;
      continue;
    }
    const ran = RAN.exec(line);
    if (ran) {
      scan.ran += Number(ran[1]);
      scan.runs++;
      awaitingClose = true;
      inDetails = false;
      continue;
    }
    const closing = awaitingClose ? CLOSING.exec(line) : null;
    if (closing) {
      awaitingClose = false;
      scan.closed++;
      for (const [word, n] of Object.entries(countsOf(closing[2] ?? '', COUNT))) scan.counts[word] = (scan.counts[word] ?? 0) + n;
      continue;
    }
    // Failure details sit between a row of "=" and "Ran N tests"; they repeat names and hold arbitrary text.
    if (rule) inDetails = true;
    if (inDetails || /^-+$/.test(line)) {
      pending = undefined;
      continue;
    }
    const broken = FAILED_IMPORT.exec(line);
    if (broken) {
      recordOutcome(scan.results, broken[1] ?? line, 'error');
      scan.notRun.push(broken[1] ?? line);
      continue;
    }
    const head = HEAD.exec(line);
    if (head) pending = canonicalUnittestId(head[0]);
    if (!pending) continue;
    const verdict = line.includes(' ... ') || !head ? VERDICT.exec(line) : null;
    const status = verdict ? outcome(verdict[1] ?? '') : undefined;
    if (status) {
      recordOutcome(scan.results, pending, status);
      pending = undefined;
    }
  }
  return scan;
}

/** Whether dotted `name` is `id` itself, one of its leading parts, or (for loader errors, which keep only the last part) any run of its parts. */
function covers(name: string, id: string): boolean {
  return `.${id}.`.includes(`.${name}.`);
}

/**
 * Reads `python -m unittest` output, verbose or not. Verbose lines (`test_x (pkg.mod.Class.test_x) ... ok`) name
 * every test; the default output names only failures, errors and unexpected successes in its report
 * (`FAIL: test_x (pkg.mod.Class.test_x)`), so the tally (`Ran N tests`, `OK (skipped=1)`,
 * `FAILED (failures=1, errors=2)`) says how many unnamed tests passed. Modules that failed to import
 * (`unittest.loader._FailedTest`) and classes whose `setUpClass` failed mark their tests as not run.
 * Python 3.8-3.13 formats.
 */
export function parseUnittestReport(text: string): ParsedReport {
  const scan = scanOutput(text);
  const tests: ParsedTest[] = [...scan.results].map(([name, status]) => ({ name, status }));
  if (scan.runs === 0) return { tests };
  const c = scan.counts;
  const named = [...scan.results.values()];
  const namedSkipped = named.filter((s) => s === 'skipped').length;
  // Verbose lines name passes too: those are not part of the unnamed remainder.
  const namedPassed = [...scan.results].filter(([id, s]) => s === 'passed' && !scan.reported.has(id)).length;
  const namedFailing = new Set([...scan.reported, ...[...scan.results].filter(([, s]) => s === 'failed' || s === 'error').map(([id]) => id)]);
  const skipped = c['skipped'] ?? 0;
  const unexpected = c['unexpected successes'] ?? 0;
  const unnamedOther = Math.max(0, skipped - namedSkipped) + Math.max(0, unexpected - scan.unexpectedNamed) + scan.unreadable;
  const unnamedPassed = Math.max(0, scan.ran - namedFailing.size - namedSkipped - namedPassed - unnamedOther);
  const notRun = scan.notRun;
  return {
    tests,
    tally: {
      completed: scan.closed === scan.runs,
      groups: [wholeRun(unnamedPassed, unnamedOther)],
      didNotRun: (id) => notRun.some((name) => covers(name, canonicalUnittestId(id))),
    },
  };
}

/** The per-test results of {@link parseUnittestReport}. */
export function parseUnittest(text: string): ParsedTest[] {
  return parseUnittestReport(text).tests;
}
