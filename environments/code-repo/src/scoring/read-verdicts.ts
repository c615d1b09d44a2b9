import type { RunResult } from '../sandbox/run-command.js';
import type { Instance, TestFramework } from '../tasks/instance-schema.js';
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

/**
 * Verdicts of listed tests `ids` from a framework's output: the results the runner names, plus the listed
 * tests its tally proves passed without naming them (default reporters name only failures). `texts` are
 * tried in order until one holds a result or a tally.
 */
export function verdictsOfOutput(framework: TestFramework, texts: string[], ids: string[]): RunVerdicts {
  let report: ParsedReport = { tests: [] };
  for (const text of texts) {
    report = parseTestReport(framework, text);
    if (report.tests.length > 0 || report.tally) break;
  }
  const implied = impliedPasses(ids, report, framework);
  const results = [...report.tests, ...implied.tests];
  return {
    tests: testVerdicts(ids, results, framework),
    readable: results.length > 0 || report.tally !== undefined,
    notes: implied.notes,
  };
}

/** {@link verdictsOfOutput} of a test run: its combined output, else stdout alone (JSON reports go there). */
export function readVerdicts(instance: Instance, run: RunResult, ids: string[]): RunVerdicts {
  return verdictsOfOutput(instance.test_framework, [run.output, run.stdout], ids);
}
