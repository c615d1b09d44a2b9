import { stripAnsi, type ParsedTest, type TestOutcome } from './parsed-test.js';

const SEP = ' > ';

function unescapeTap(name: string): string {
  return name.replace(/\\#/g, '#').replace(/\\\\/g, '\\');
}

/**
 * Reads `node --test --test-reporter=tap` output. Nesting comes from the `# Subtest:` headers and their
 * indentation (4 spaces a level); suites (`type: 'suite'` in the YAML block) are left out.
 */
export function parseNodeTap(text: string): ParsedTest[] {
  const lines = stripAnsi(text).split('\n');
  const stack: string[] = [];
  const results: ParsedTest[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const subtest = /^(\s*)# Subtest: (.*)$/.exec(line);
    if (subtest) {
      // Children are reported before their parent's result line, so nesting comes from these headers.
      const [, indent = '', title = ''] = subtest;
      const depth = Math.floor(indent.length / 4);
      stack.length = depth;
      stack[depth] = unescapeTap(title);
      continue;
    }
    const m = /^(\s*)(not ok|ok) \d+ - (.*)$/.exec(line);
    if (!m) continue;
    const [, indent = '', verdict, rawTitle = ''] = m;
    const directive = / # (SKIP|TODO)\b.*$/i.exec(rawTitle);
    const title = directive ? rawTitle.slice(0, directive.index) : rawTitle;
    let isSuite = false;
    if (lines[i + 1]?.trim() === '---') {
      // Skip the YAML block: error messages inside it may look like result lines.
      let j = i + 2;
      for (; j < lines.length && lines[j]?.trim() !== '...'; j++) {
        if (/^\s*type: 'suite'/.test(lines[j] ?? '')) isSuite = true;
      }
      i = j;
    }
    if (isSuite) continue;
    const depth = Math.floor(indent.length / 4);
    const status: TestOutcome = directive ? 'skipped' : verdict === 'ok' ? 'passed' : 'failed';
    results.push({ name: [...stack.slice(0, depth), unescapeTap(title)].join(SEP), status });
  }
  return results;
}

/**
 * Reads node's `spec` reporter (the default on a terminal): `✔ name (1ms)`, `✖ name`, `﹣ name # SKIP`,
 * suites opened by `▶ name`, two spaces a level. The trailing "failing tests" recap is ignored.
 */
export function parseNodeSpec(text: string): ParsedTest[] {
  const stack: string[] = [];
  const suites = new Set<string>();
  const results: ParsedTest[] = [];
  for (const raw of stripAnsi(text).split('\n')) {
    if (/^\s*✖ failing tests:/.test(raw)) break;
    const m = /^(\s*)(▶|✔|✖|﹣|-|\*) (.*?)(?: \([\d.]+m?s\))?( # (?:SKIP|TODO).*)?$/.exec(raw);
    if (!m) continue;
    const [, indent = '', mark, title = '', directive] = m;
    const depth = Math.floor(indent.length / 2);
    stack.length = depth;
    const name = [...stack, title].join(SEP);
    if (mark === '▶') {
      suites.add(name);
      stack[depth] = title;
      continue;
    }
    if (suites.has(name)) continue;
    const status: TestOutcome = directive || mark === '﹣' || mark === '-' || mark === '*' ? 'skipped' : mark === '✔' ? 'passed' : 'failed';
    results.push({ name, status });
  }
  return results;
}

/** Reads node:test output in either the TAP or the spec format. */
export function parseNodeTest(text: string): ParsedTest[] {
  return /^\s*(not ok|ok) \d+ - /m.test(stripAnsi(text)) ? parseNodeTap(text) : parseNodeSpec(text);
}
