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

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;

/** Removes terminal colour codes, which some runners print even into pipes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
