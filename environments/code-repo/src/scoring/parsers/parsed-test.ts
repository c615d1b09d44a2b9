/** One test's outcome as a framework reported it. */
export type TestOutcome = 'passed' | 'failed' | 'error' | 'skipped';

/** A test result read from a framework's output. */
export interface ParsedTest {
  /** The framework's id: `suite > test` (JavaScript), `path::test` (pytest), `module.Class.test` (unittest). */
  name: string;
  /** The test file, where the output names it. */
  file?: string;
  status: TestOutcome;
}

/** Part of a run whose tally is known: the whole run, or one test file (pytest's progress lines count per file). */
export interface TallyGroup {
  /** Whether a listed test id belongs to this part. */
  covers: (id: string) => boolean;
  /** Tests that passed (or failed as expected) without being named in the output. */
  unnamedPassed: number;
  /** Tests with another outcome (skipped, unexpected success) that the output does not name. */
  unnamedOther: number;
}

/**
 * What a runner's closing summary says about the tests it did not name one by one (default reporters name
 * only failures). It lets a listed test that is named nowhere count as passed, but only when that is certain.
 */
export interface RunTally {
  /** The summary line was printed (the run was not killed, collection was not interrupted). */
  completed: boolean;
  /** The parts of the run, most specific first; a listed id takes the first group that covers it. */
  groups: TallyGroup[];
  /** Whether a listed test sits under a unit that failed to load or set up, so it never ran. */
  didNotRun: (id: string) => boolean;
}

/** One group for a whole run. */
export function wholeRun(unnamedPassed: number, unnamedOther: number): TallyGroup {
  return { covers: () => true, unnamedPassed, unnamedOther };
}

/** Per-test results plus, for summary-only reporters, the run's tally. */
export interface ParsedReport {
  tests: ParsedTest[];
  tally?: RunTally;
}

/** Worse outcomes win when one test is named twice (a verbose line, then a failure header or subtest). */
const RANK: Record<TestOutcome, number> = { passed: 0, skipped: 1, failed: 2, error: 3 };

/** Records `status` for `name`, keeping the worse of two outcomes. */
export function recordOutcome(results: Map<string, TestOutcome>, name: string, status: TestOutcome): void {
  const before = results.get(name);
  if (!before || RANK[status] > RANK[before]) results.set(name, status);
}

/** Counts by outcome word in a summary like `2 failed, 4 passed, 1 skipped` or `failures=1, errors=2`. */
export function countsOf(text: string, pattern: RegExp): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of text.matchAll(pattern)) {
    const word = (m.groups?.['word'] ?? '').toLowerCase();
    counts[word] = (counts[word] ?? 0) + Number(m.groups?.['n'] ?? 0);
  }
  return counts;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;

/** Removes terminal colour codes, which some runners print even into pipes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
