import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createCB } from 'xmlbuilder2';
import type { EpisodeRecord } from '@crucible/core';
import { TEST_DOUBLE_NOTICE } from './test-double-notice.js';
import { xmlText } from './xml-text.js';

/** A planned episode that never ran. */
export interface NotRunEpisode {
  env: string;
  point: string;
  taskId: string;
  epoch: number;
}

/**
 * Writes `junit.xml` from a stream of episodes (one testcase per episode, a testsuite per run), so CI
 * systems show failing tasks. Error episodes are `<error>`, and every planned episode that never ran is a
 * `<skipped/>` test case, so a partial run cannot pass for a whole one. Streams: never holds all records.
 * Any text (answers, error messages) is made XML-safe by {@link xmlText}, so the file always parses.
 */
export async function writeJunit(
  path: string,
  records: AsyncIterable<EpisodeRecord>,
  totals: { tests: number; failures: number; errors: number; testDouble: boolean; name: string; partial?: string },
  notRun: Iterable<NotRunEpisode> = [],
): Promise<void> {
  const out = createWriteStream(path);
  let pending: string[] = [];
  let failed: Error | undefined;
  // wellFormed makes xmlbuilder2 refuse anything that would not parse, as a guard behind xmlText.
  const doc = createCB({
    data: (chunk: string) => void pending.push(chunk),
    error: (err: Error) => void (failed ??= err),
    prettyPrint: true,
    wellFormed: true,
  });
  const flush = async () => {
    if (failed) throw new Error(`junit.xml: ${failed.message}`, { cause: failed });
    const text = pending.join('');
    pending = [];
    if (text && !out.write(text)) await once(out, 'drain');
  };
  const attrs = (a: Record<string, string>) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, xmlText(v)]));
  try {
    const skipped = [...notRun];
    const counts = { tests: String(totals.tests + skipped.length), failures: String(totals.failures), errors: String(totals.errors), skipped: String(skipped.length) };
    doc.dec({ version: '1.0', encoding: 'UTF-8' });
    doc.ele('testsuites', attrs({ name: totals.name, ...counts }));
    doc.ele('testsuite', attrs({ name: totals.name, ...counts }));
    const properties = [...(totals.testDouble ? [['sim', TEST_DOUBLE_NOTICE]] : []), ...(totals.partial ? [['partial', totals.partial]] : [])];
    if (properties.length) {
      doc.ele('properties');
      for (const [name, value] of properties) doc.ele('property', attrs({ name: name!, value: value! })).up();
      doc.up();
    }
    const name = (r: { taskId: string; epoch: number }) => `${r.taskId}${r.epoch > 0 ? ` #${r.epoch}` : ''}`;
    for await (const r of records) {
      doc.ele('testcase', attrs({ classname: `${r.env.name}.${r.point}`, name: name(r), time: (r.wallMs / 1000).toFixed(3) }));
      if (r.status === 'error') doc.ele('error', attrs({ message: r.error?.message ?? r.exitReason, type: r.error?.code ?? 'error' })).up();
      else if (!r.score.passed) doc.ele('failure', attrs({ message: `exit: ${r.exitReason}; answer: ${r.score.answer ?? '-'}`, type: r.exitReason })).up();
      doc.up();
      await flush();
    }
    for (const e of skipped) {
      doc.ele('testcase', attrs({ classname: `${e.env}.${e.point}`, name: name(e), time: '0' }));
      doc.ele('skipped', attrs({ message: `not run: ${totals.partial ?? 'partial run'}` })).up().up();
      await flush();
    }
    doc.end();
    pending.push('\n');
    await flush();
  } finally {
    out.end();
    await once(out, 'finish');
  }
}
