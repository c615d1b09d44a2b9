import { wholeRun, type ParsedTest, type RunTally, type TestOutcome } from './parsed-test.js';

/**
 * The tally of a jest or vitest default report: its `Tests:` counts less the tests it named, and the files
 * that failed to load (their tests, listed as `file > name`, did not run). While a file failed to load, an
 * unnamed id without a file part could be one of its tests, so the run counts as unsure for those.
 */
export function jsTally(tests: ParsedTest[], counts: Record<string, number>, brokenFiles: string[]): RunTally {
  const named = (s: TestOutcome) => tests.filter((t) => t.status === s).length;
  const passed = Math.max(0, (counts['passed'] ?? 0) - named('passed'));
  const other = Math.max(0, (counts['skipped'] ?? 0) + (counts['todo'] ?? 0) - named('skipped')) + brokenFiles.length;
  return {
    completed: true,
    groups: [wholeRun(passed, other)],
    didNotRun: (id) => brokenFiles.some((file) => id.startsWith(`${file} > `)),
  };
}
