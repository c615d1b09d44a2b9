import { stripAnsi, type ParsedTest, type TestOutcome } from './parsed-test.js';

interface AssertionResult {
  ancestorTitles?: string[];
  title?: string;
  fullName?: string;
  status?: string;
}
interface JestReport {
  testResults: Array<{ name?: string; testFilePath?: string; assertionResults?: AssertionResult[] }>;
}

/** The end index (exclusive) of the JSON object starting at `start`, or -1. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** Finds the first jest-format JSON report (an object with `testResults`) inside mixed output. */
export function findJestReport(text: string): JestReport | undefined {
  const clean = stripAnsi(text);
  const starts = /^\s*\{\s*"/gm;
  for (let m = starts.exec(clean); m; m = starts.exec(clean)) {
    const start = clean.indexOf('{', m.index);
    const end = objectEnd(clean, start);
    if (end < 0) continue;
    try {
      const value = JSON.parse(clean.slice(start, end)) as Partial<JestReport>;
      if (Array.isArray(value.testResults)) return value as JestReport;
    } catch {
      // not JSON after all; keep looking
    }
    starts.lastIndex = end;
  }
  return undefined;
}

function outcome(status: string | undefined): TestOutcome {
  if (status === 'passed') return 'passed';
  if (status === 'failed') return 'failed';
  return 'skipped';
}

/**
 * Reads the JSON report of `jest --json` or `vitest --reporter=json` (vitest writes jest's format).
 * Undefined when the output holds no such report.
 */
export function parseJestJson(text: string): ParsedTest[] | undefined {
  const report = findJestReport(text);
  if (!report) return undefined;
  const results: ParsedTest[] = [];
  for (const file of report.testResults) {
    for (const a of file.assertionResults ?? []) {
      const name = [...(a.ancestorTitles ?? []), a.title ?? a.fullName ?? ''].join(' > ');
      results.push({ name, file: file.name ?? file.testFilePath, status: outcome(a.status) });
    }
  }
  return results;
}
