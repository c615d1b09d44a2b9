import type { TestFramework } from '../tasks/instance-schema.js';

/** One change to a file of a suite repository, applied in a scratch checkout to produce a diff. */
export type FileChange =
  /** Replace a snippet that must occur exactly once. */
  | { path: string; find: string; replace: string }
  /** Add text at the end of a file. */
  | { path: string; append: string }
  /** Write a whole file. */
  | { path: string; content: string };

/** A small repository of the built-in suite, with the bugs of all its tasks present at its one commit. */
export interface SuiteRepo {
  /** `owner/name`, resolved through the suite's repos directory. */
  name: string;
  framework: TestFramework;
  /** Its folder under the package's `suite/`, holding every file at the base commit (read by `readFixture`). */
  fixture: string;
  /** The tests present at base, by test file; all pass there. */
  visibleTests: Record<string, string[]>;
  /**
   * The instances' test_command. With `{tests}` (JavaScript: the test files the hidden patch touches) only those
   * files run, and PASS_TO_PASS lists just their visible tests, as SWE-bench does.
   */
  testCommand?: string;
}

/** One task of the built-in suite. */
export interface SuiteTask {
  id: string;
  repo: SuiteRepo;
  difficulty: number;
  /** The bug report, as a user would file it. */
  problem: string;
  /** The reference fix. */
  fix: FileChange[];
  /** A plausible fix that does not pass the hidden tests. */
  wrongFix: FileChange[];
  /** The hidden tests (becomes test_patch). */
  hiddenTests: FileChange[];
  failToPass: string[];
  /** Hidden tests that already pass at base (and must keep passing), besides the visible ones. */
  extraPassToPass?: string[];
}

/** Joins lines; keeps long texts readable in source. */
export function lines(...parts: string[]): string {
  return parts.join('\n');
}
