import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it, onTestFinished } from 'vitest';
import { EPISODE_FORMAT_VERSION, parseCompute, type EpisodeRecord } from '@crucible/core';
import { createAccumulator } from '@crucible/scoring';
import { completenessOf } from './completeness.js';
import { renderConsoleSummary } from './console-summary.js';
import { table } from './format.js';
import { writeJunit } from './junit.js';
import { renderMarkdownSummary } from './markdown-summary.js';
import { TEST_DOUBLE_NOTICE as SIM_NOTICE } from './test-double-notice.js';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
}

/** Parses with saxes, a conforming XML 1.0 parser (it rejects forbidden characters and undefined entities). */
function parseXml(xml: string): XmlElement[] {
  const root: XmlElement = { name: '#document', attributes: {}, children: [] };
  const open = [root];
  const parser = new SaxesParser();
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('opentag', (tag) => {
    const el = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [] };
    open.at(-1)!.children.push(el);
    open.push(el);
  });
  parser.on('closetag', () => void open.pop());
  parser.write(xml).close();
  return root.children;
}

function rec(i: number, passed: boolean, status: 'ok' | 'error' = 'ok'): EpisodeRecord {
  const usage = { calls: 1, promptTokens: 100, completionTokens: 50, cachedTokens: 0, reasoningTokens: 0 };
  const score = { value: passed ? 1 : 0, passed, answer: passed ? '4' : '5', details: {} };
  return {
    format: EPISODE_FORMAT_VERSION,
    id: `e${i}`,
    runId: 'r',
    env: { name: 'math', version: '1.0.0' },
    taskId: `task<${i}>&`,
    difficulty: 1 + (i % 2),
    model: { name: 'sim', testDouble: true },
    point: 'samples=1',
    compute: parseCompute({ samples: 1, aggregate: 'vote' }),
    epoch: 0,
    seed: 0,
    status,
    exitReason: status === 'error' ? 'env_error' : 'submitted',
    score,
    samples: [{ index: 0, exitReason: 'submitted', score, usage, steps: 1, invalidActions: 0, revisions: 0, wallMs: 10 }],
    usage,
    costUsd: 0.001,
    wallMs: 10,
    steps: 1,
    invalidActions: 0,
    startedAt: '',
    finishedAt: '',
    error: status === 'error' ? { code: 'invalid_task', message: 'broken "data"' } : undefined,
  };
}

const records = [rec(0, true), rec(1, true), rec(2, false), rec(3, false, 'error')];

describe('reports', () => {
  it('console table shows accuracy with CI, tokens, calls and the sim notice', () => {
    const acc = createAccumulator();
    records.forEach((r) => acc.add(r));
    const text = renderConsoleSummary(acc.result());
    expect(text).toMatch(/^SIMULATED/);
    // 2 of the 3 scored episodes passed; the error episode stands apart with its rate (1 of 4).
    expect(text).toMatch(/samples=1\s+4\s+4\s+66\.7%\s+\[/);
    expect(text).toMatch(/1 \(25\.0%\)$/m);
    expect(text).toContain('over the scored episodes');
    expect(text).toContain('600'); // 4 x 150 tokens
    expect(renderMarkdownSummary(acc.result(), { runId: 'r', env: 'math', model: 'sim' })).toMatch(/\| samples=1 \| 4 \| 66\.7% \|/);
  });

  it('a partial run leads every text output with a PARTIAL RUN banner; a complete one has none', () => {
    const summary = createAccumulator().result();
    const partial = completenessOf({ planned: 500, done: 43, errors: 0 }, { reason: 'cancelled' });
    expect(partial).toEqual({ complete: false, planned: 500, done: 43, errors: 0, skipped: 457, reason: 'cancelled' });
    const line = /^PARTIAL RUN \(cancelled\): 43 of 500 episodes scored, 0 errors, 457 not run/;
    expect(renderConsoleSummary(summary, { completeness: partial })).toMatch(line);
    expect(renderMarkdownSummary(summary, { runId: 'r', env: 'math', model: 'sim' }, { completeness: partial })).toMatch(/^> \*\*PARTIAL RUN \(cancelled\): 43 of 500/m);
    const whole = completenessOf({ planned: 3, done: 3, errors: 0 });
    expect(whole).toEqual({ complete: true, planned: 3, done: 3, errors: 0, skipped: 0 });
    expect(renderConsoleSummary(summary, { completeness: whole })).not.toContain('PARTIAL');
    expect(completenessOf({ planned: 3, done: 2, errors: 1 })).toMatchObject({ complete: false, reason: 'errors', skipped: 0 });
  });

  it('aligns columns', () => {
    expect(table(['a', 'num'], [['x', '1'], ['yyy', '100']]).split('\n')).toEqual(['a    num', '---  ---', 'x      1', 'yyy  100']);
  });

  it('junit has one testcase per episode, failures and errors, escaped', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crucible-junit-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    async function* stream() {
      yield* records;
    }
    await writeJunit(join(dir, 'junit.xml'), stream(), { tests: 4, failures: 1, errors: 1, testDouble: true, name: 'crucible.math', partial: 'cancelled' }, [{ env: 'math', point: 'samples=1', taskId: 'unrun<1>', epoch: 0 }]);
    const xml = await readFile(join(dir, 'junit.xml'), 'utf8');
    const [suites] = parseXml(xml);
    expect(suites).toMatchObject({ name: 'testsuites', attributes: { name: 'crucible.math', tests: '5', failures: '1', errors: '1', skipped: '1' } });
    const [suite] = suites!.children;
    expect(suite!.attributes).toEqual(suites!.attributes);
    const [properties, ...cases] = suite!.children;
    expect(properties!.children.map((p) => p.attributes)).toEqual([{ name: 'sim', value: SIM_NOTICE }, { name: 'partial', value: 'cancelled' }]);
    expect(cases.map((c) => [c.name, c.attributes.name, c.children.map((k) => k.name)])).toEqual([
      ['testcase', 'task<0>&', []],
      ['testcase', 'task<1>&', []],
      ['testcase', 'task<2>&', ['failure']],
      ['testcase', 'task<3>&', ['error']],
      ['testcase', 'unrun<1>', ['skipped']],
    ]);
    expect(cases[3]!.children[0]!.attributes).toEqual({ message: 'broken "data"', type: 'invalid_task' });
    expect(cases[4]).toMatchObject({ attributes: { classname: 'math.samples=1', time: '0' }, children: [{ attributes: { message: 'not run: cancelled' } }] });
    // what the CI tests of the CLI grep for
    expect((xml.match(/<testcase /g) ?? []).length).toBe(5);
    expect(xml).toContain('tests="5" failures="1" errors="1" skipped="1"');
  });

  it('junit stays valid XML 1.0 whatever the answers and errors hold, and keeps their visible text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crucible-junit-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    // every C0 control character XML 1.0 forbids (all but tab, LF, CR), plus U+FFFE/U+FFFF
    const forbidden = [...Array(32).keys()].filter((c) => ![9, 10, 13].includes(c)).map((c) => String.fromCharCode(c)).join('') + '\uFFFE\uFFFF';
    const visible = 'x < y && z > 0 ]]> <![CDATA[ "q" \'a\' &amp; &nbsp; &#1; 😀 tab\tnl\ncr\r.';
    const answer = `${visible}${forbidden}|\uD800|\uDC00|`;
    const failed = { ...rec(0, false), score: { ...rec(0, false).score, answer } };
    const errored = { ...rec(1, false, 'error'), error: { code: 'env_error', message: `boom\u0000${visible}\u001b[31m` } };
    async function* stream() {
      yield failed;
      yield errored;
    }
    await writeJunit(join(dir, 'junit.xml'), stream(), { tests: 2, failures: 1, errors: 1, testDouble: false, name: `crucible.\u0007math<&>` }, [{ env: 'math', point: 'p', taskId: `t\u0001]]>`, epoch: 2 }]);
    const xml = await readFile(join(dir, 'junit.xml'), 'utf8');
    const [suites] = parseXml(xml); // throws on anything a conforming parser rejects
    const [suite] = suites!.children;
    const [failure, error, skipped] = suite!.children.map((c) => c.children[0]!);
    const R = '\uFFFD';
    // a conforming parser normalises tab, LF and CR inside attribute values to spaces (XML 1.0 section 3.3.3)
    const shown = visible.replace(/[\t\n\r]/g, ' ');
    expect(suites!.attributes.name).toBe(`crucible.${R}math<&>`);
    expect(failure!.attributes.message).toBe(`exit: submitted; answer: ${shown}${R.repeat(forbidden.length)}|${R}|${R}|`);
    expect(error!.attributes.message).toBe(`boom${R}${shown}${R}[31m`);
    expect(suite!.children[2]!.attributes.name).toBe(`t${R}]]> #2`);
    expect(skipped!.name).toBe('skipped');
  });
});

describe('html report', () => {
  it('ships a browser script that parses', async () => {
    const { BROWSER_SCRIPT } = await import('./html/browser-script.js');
    expect(() => new Function(BROWSER_SCRIPT)).not.toThrow();
  });

  it('is self-contained and escapes what it embeds', async () => {
    const { renderHtmlReport } = await import('./html-report.js');
    const acc = createAccumulator();
    records.forEach((r) => acc.add(r));
    const html = renderHtmlReport({
      meta: { runId: 'r<1>', env: 'math', model: 'sim' },
      summary: acc.result(),
      curves: acc.curve(),
      frontier: [],
      bestPerDifficulty: [],
      episodes: [{ id: 'e', taskId: '</script><script>alert(1)</script>', point: 'p', status: 'ok', exitReason: 'submitted', passed: true, tokens: 1, calls: 1, wallMs: 1, samples: 1 }],
      totalEpisodes: 4,
      completeness: completenessOf({ planned: 10, done: 3, errors: 1 }, { reason: 'budget', detail: 'token budget of 2000 reached' }),
    });
    expect(html).toContain('<p class="partial" id="partial-run">PARTIAL RUN (stopped by the run budget: token budget of 2000 reached): 3 of 10 episodes scored, 1 errors, 6 not run');
    expect(html).toContain('Crucible run r&lt;1&gt;');
    expect(html).not.toContain('</script><script>alert(1)');
    expect(html).toContain('\\u003c/script>');
    expect(html).not.toMatch(/<(link|script)[^>]+src=/); // no external assets
    expect(html).toMatch(/The report holds 1 of 4 episodes/);
  });

  it('embeds one index row per episode, a detail block each and the trajectory bytes as given', async () => {
    const { renderHtmlReport } = await import('./html-report.js');
    const acc = createAccumulator();
    records.forEach((r) => acc.add(r));
    const episodes = Array.from({ length: 3 }, (_, i) => ({ id: `e${i}`, taskId: `t${i}`, point: 'p', status: i === 2 ? 'error' : 'ok', exitReason: 'submitted', passed: i === 0, tokens: 1, calls: 1, wallMs: 1, samples: 1, reference: `ref${i}`, trajectoryGzBase64: i === 1 ? 'H4sIAAAAAAAAA6uuBQBDv6ajAgAAAA==' : undefined }));
    const html = renderHtmlReport({ meta: { runId: 'r', env: 'math', model: 'sim' }, summary: acc.result(), curves: acc.curve(), frontier: [], bestPerDifficulty: [], episodes, totalEpisodes: 3 });
    const index = JSON.parse(/<script type="application\/json" id="episode-index">(.*?)<\/script>/.exec(html)![1]!) as unknown[][];
    expect(index.map((r) => [r[0], r[3]])).toEqual([['e0', 'passed'], ['e1', 'failed'], ['e2', 'error']]);
    expect(JSON.parse(/<script type="application\/json" id="d-2">(.*?)<\/script>/.exec(html)![1]!)).toMatchObject({ reference: 'ref2', hasTrajectory: false });
    expect(html).toContain('<script type="application/gzip+base64" id="t-1">H4sIAAAAAAAAA6uuBQBDv6ajAgAAAA==</script>');
    expect(html).not.toContain('id="t-0"');
    expect(html).not.toMatch(/The report holds/);
    // the exit-reason breakdown counts the error episode apart from the scored ones
    expect(html).toMatch(/<tr><td>submitted<\/td><td>p<\/td><td>3<\/td><td>2<\/td><td>1<\/td><td>50.0%<\/td><td>1<\/td><\/tr>/);
  });
});
