import { stripAnsi, type ParsedTest, type TestOutcome } from './parsed-test.js';

const STATUS: Record<string, TestOutcome> = {
  PASSED: 'passed',
  XFAIL: 'passed',
  FAILED: 'failed',
  XPASS: 'failed',
  ERROR: 'error',
  SKIPPED: 'skipped',
};

/** The node id at the start of `rest`, up to a ` - message` suffix; parametrize brackets may hold spaces. */
function nodeIdOf(rest: string): string {
  const bracket = rest.indexOf('[');
  const dash = rest.indexOf(' - ');
  if (bracket !== -1 && (dash === -1 || bracket < dash)) {
    const close = rest.lastIndexOf(']', dash === -1 ? rest.length : rest.indexOf(' - ', rest.indexOf(']', bracket)));
    if (close > bracket) return rest.slice(0, close + 1);
  }
  return dash === -1 ? rest.trim() : rest.slice(0, dash).trim();
}

/**
 * Reads pytest output: the `-rA` summary lines (`PASSED path::test`, `FAILED path::test - msg`,
 * `ERROR path - msg` for a module that failed to collect) and, if given `-v`, the progress lines
 * (`path::test PASSED [ 50%]`). XFAIL counts as passed and XPASS as failed, as SWE-bench does.
 */
export function parsePytest(text: string): ParsedTest[] {
  const found = new Map<string, TestOutcome>();
  for (const raw of stripAnsi(text).split('\n')) {
    const line = raw.trimEnd();
    const summary = /^(PASSED|FAILED|ERROR|XFAIL|XPASS) (.+)$/.exec(line);
    if (summary) {
      const [, word = '', rest = ''] = summary;
      found.set(nodeIdOf(rest), STATUS[word] ?? 'error');
      continue;
    }
    const progress = /^(\S+::\S.*?) (PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)(?:\s+\[\s*\d+%\])?$/.exec(line);
    if (!progress) continue;
    const [, id = '', word = ''] = progress;
    if (!found.has(id)) found.set(id, STATUS[word] ?? 'error');
  }
  return [...found].map(([name, status]) => {
    const file = name.split('::')[0];
    return { name, file, status };
  });
}
