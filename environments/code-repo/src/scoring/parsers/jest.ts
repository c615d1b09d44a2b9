import { parseJestJson } from './jest-json.js';
import { stripAnsi, type ParsedTest, type TestOutcome } from './parsed-test.js';

const MARKS: Record<string, TestOutcome> = { '✓': 'passed', '√': 'passed', '✕': 'failed', '×': 'failed', '○': 'skipped', '✎': 'skipped' };

/**
 * Reads jest output: the `--json` report when present, else the verbose tree
 * (`PASS file`, describe names indented two spaces a level, `✓ test (3 ms)`, `✕`, `○ skipped`, `✎ todo`).
 */
export function parseJest(text: string): ParsedTest[] {
  const fromJson = parseJestJson(text);
  if (fromJson) return fromJson;
  const results: ParsedTest[] = [];
  let file: string | undefined;
  let stack: string[] = [];
  let inDetails = false;
  for (const raw of stripAnsi(text).split('\n')) {
    const header = /^(PASS|FAIL)\s+(\S+)/.exec(raw);
    if (header) {
      file = header[2];
      stack = [];
      inDetails = false;
      continue;
    }
    if (/^\s*●/.test(raw) || /^Test Suites:/.test(raw)) inDetails = true;
    if (inDetails || !file || raw.trim() === '') continue;
    const indent = raw.length - raw.trimStart().length;
    const depth = Math.max(0, Math.floor(indent / 2) - 1);
    const body = raw.trim();
    const m = /^([✓√✕×○✎])\s+(.*?)(?:\s+\(\d+(?:\.\d+)?\s*m?s\))?$/.exec(body);
    if (m) {
      const [, mark = '', text = ''] = m;
      const title = mark === '○' ? text.replace(/^skipped /, '') : mark === '✎' ? text.replace(/^todo /, '') : text;
      results.push({ file, name: [...stack.slice(0, depth), title].join(' > '), status: MARKS[mark] ?? 'failed' });
    } else {
      stack = stack.slice(0, depth);
      stack[depth] = body;
    }
  }
  return results;
}
