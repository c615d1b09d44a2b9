import { stripAnsi, type ParsedTest, type TestOutcome } from './parsed-test.js';

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

/**
 * Reads `python -m unittest -v` output: `test_x (module.Class.test_x) ... ok`. Handles a docstring line
 * between the name and the verdict, and output a test printed before its verdict.
 */
export function parseUnittest(text: string): ParsedTest[] {
  const results = new Map<string, TestOutcome>();
  let pending: string | undefined;
  let inDetails = false;
  for (const raw of stripAnsi(text).split('\n')) {
    const line = raw.trimEnd();
    // Failure details sit between a row of "=" and "Ran N tests"; they repeat names and hold arbitrary text.
    if (/^=+$/.test(line)) inDetails = true;
    if (/^Ran \d+ tests? in /.test(line)) inDetails = false;
    if (inDetails || /^-+$/.test(line)) {
      pending = undefined;
      continue;
    }
    const broken = FAILED_IMPORT.exec(line);
    if (broken) {
      results.set(broken[1] ?? line, 'error');
      continue;
    }
    const head = HEAD.exec(line);
    if (head) pending = canonicalUnittestId(head[0]);
    if (!pending) continue;
    const verdict = line.includes(' ... ') || !head ? VERDICT.exec(line) : null;
    const status = verdict ? outcome(verdict[1] ?? '') : undefined;
    if (status) {
      results.set(pending, status);
      pending = undefined;
    }
  }
  return [...results].map(([name, status]) => ({ name, status }));
}
