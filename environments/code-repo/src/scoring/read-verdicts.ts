import type { RunResult } from '../sandbox/run-command.js';
import type { Instance } from '../tasks/instance-schema.js';
import { impliedPasses } from './implied-passes.js';
import { parseTestReport, type ParsedReport } from './parsers/index.js';
import { testVerdicts, type TestVerdict } from './test-verdicts.js';

/** The verdicts of listed tests read from one test run. */
export interface RunVerdicts {
  tests: Record<string, TestVerdict>;
  /** Whether the output held any per-test result or a runner's tally at all. */
  readable: boolean;
  /** How unnamed tests were settled (kept in the grading log). */
  notes: string[];
}

/** Lines of output an unreadable run shows in its error. */
export const TAIL_LINES = 40;

/** The last `lines` lines of a run's output, for errors about output that could not be read. */
export function outputTail(output: string, lines = TAIL_LINES): string {
  const all = output.trimEnd().split('\n');
  const tail = all.slice(-lines).join('\n');
  return all.length > lines ? `[... ${all.length - lines} earlier lines ...]\n${tail}` : tail;
}

function reportOf(instance: Instance, run: RunResult): ParsedReport {
  const combined = parseTestReport(instance.test_framework, run.output);
  if (combined.tests.length > 0 || combined.tally) return combined;
  // JSON reports go to stdout; stderr interleaved into the combined output can split them.
  return parseTestReport(instance.test_framework, run.stdout);
}

/**
 * Reads a run's output into a verdict per listed test `ids`: the results the runner names, plus the listed
 * tests its summary proves passed without naming them (default reporters name only failures).
 */
export function readVerdicts(instance: Instance, run: RunResult, ids: string[]): RunVerdicts {
  const report = reportOf(instance, run);
  const implied = impliedPasses(ids, report, instance.test_framework);
  const results = [...report.tests, ...implied.tests];
  return {
    tests: testVerdicts(ids, results, instance.test_framework),
    readable: results.length > 0 || report.tally !== undefined,
    notes: implied.notes,
  };
}
