import type { TestFramework } from '../tasks/instance-schema.js';
import type { ParsedReport, ParsedTest, TallyGroup } from './parsers/index.js';
import { canonicalUnittestId } from './parsers/unittest.js';
import { matchingResults } from './test-verdicts.js';

/** Results for listed tests that a summary-only report never names, with notes on how that was settled. */
export interface ImpliedPasses {
  tests: ParsedTest[];
  notes: string[];
}

/** Why the unnamed listed tests of one group cannot be counted as passed, or undefined if they can. */
function doubt(group: TallyGroup, count: number): string | undefined {
  if (group.unnamedOther > 0) {
    return `${group.unnamedOther} test(s) there were skipped or passed unexpectedly without being named, so which ones passed is unknown`;
  }
  if (count > group.unnamedPassed) return `only ${group.unnamedPassed} unnamed test(s) passed there`;
  return undefined;
}

/**
 * The listed tests a default reporter passed without naming them. A listed test counts as passed only when
 * the run completed, nothing names it, it is not under a module, class or file that failed to load or set up,
 * and its part of the run (its file where the runner counts per file, else the whole run) has no unnamed
 * skip and at least as many unnamed passes as such listed tests. Otherwise it stays unnamed (`missing`).
 */
export function impliedPasses(ids: string[], report: ParsedReport, framework: TestFramework): ImpliedPasses {
  const { tally } = report;
  if (!tally) return { tests: [], notes: [] };
  const unnamed = [...new Set(ids)].filter((id) => matchingResults(id, report.tests, framework).length === 0);
  const candidates = unnamed.filter((id) => !tally.didNotRun(id));
  if (candidates.length === 0) return { tests: [], notes: [] };
  if (!tally.completed) {
    return { tests: [], notes: [`${candidates.length} listed test(s) not named in the ${framework} output are not counted as passed: the run did not finish its summary`] };
  }
  const byGroup = new Map<TallyGroup | undefined, string[]>();
  for (const id of candidates) {
    const group = tally.groups.find((g) => g.covers(id));
    byGroup.set(group, [...(byGroup.get(group) ?? []), id]);
  }
  const tests: ParsedTest[] = [];
  const notes: string[] = [];
  for (const [group, members] of byGroup) {
    const why = group ? doubt(group, members.length) : 'no tally covers them';
    if (why) {
      notes.push(`${members.length} listed test(s) not named in the ${framework} output are not counted as passed (${members.slice(0, 3).join(', ')}${members.length > 3 ? ', ...' : ''}): ${why}`);
      continue;
    }
    tests.push(...members.map((id) => ({ name: framework === 'python-unittest' ? canonicalUnittestId(id) : id, status: 'passed' as const })));
  }
  if (tests.length > 0) {
    notes.push(`${tests.length} listed test(s) passed without being named: the ${framework} report names only failures and its tally accounts for them`);
  }
  return { tests, notes };
}
