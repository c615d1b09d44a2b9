import { parseJestJson } from './jest-json.js';
import { stripAnsi, type ParsedTest, type TestOutcome } from './parsed-test.js';

const MARKS: Record<string, TestOutcome> = { '✓': 'passed', '√': 'passed', '×': 'failed', '✗': 'failed', '✕': 'failed', '↓': 'skipped', '□': 'skipped' };

/**
 * Reads vitest output: the JSON report (`--reporter=json`) when present, else the verbose reporter's
 * lines `✓ file > suite > test 2ms` / `× ...` / `↓ ...` (skipped) / `□ ...` (todo).
 */
export function parseVitest(text: string): ParsedTest[] {
  const fromJson = parseJestJson(text);
  if (fromJson) return fromJson;
  const results: ParsedTest[] = [];
  for (const raw of stripAnsi(text).split('\n')) {
    const m = /^\s*([✓√×✗✕↓□])\s+(?:\|[^|]+\|\s+)?(.+?)(?:\s+\d+(?:\.\d+)?\s*m?s)?(?:\s+\(retry x\d+\))?\s*$/.exec(raw);
    if (!m) continue;
    const [, mark = '', path = ''] = m;
    const [file, ...names] = path.split(' > ');
    // The first part is the file; a line without " > " is a whole file's summary.
    if (names.length === 0) continue;
    results.push({ file, name: names.join(' > '), status: MARKS[mark] ?? 'failed' });
  }
  return results;
}
