import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { EpisodeRecord } from '@crucible/core';
import { xml } from './format.js';
import { TEST_DOUBLE_NOTICE } from './test-double-notice.js';

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
 */
export async function writeJunit(
  path: string,
  records: AsyncIterable<EpisodeRecord>,
  totals: { tests: number; failures: number; errors: number; testDouble: boolean; name: string; partial?: string },
  notRun: Iterable<NotRunEpisode> = [],
): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const skipped = [...notRun];
  const counts = `tests="${totals.tests + skipped.length}" failures="${totals.failures}" errors="${totals.errors}" skipped="${skipped.length}"`;
  await write('<?xml version="1.0" encoding="UTF-8"?>\n');
  await write(`<testsuites name="${xml(totals.name)}" ${counts}>\n`);
  await write(`  <testsuite name="${xml(totals.name)}" ${counts}>\n`);
  const properties = [...(totals.testDouble ? [['sim', TEST_DOUBLE_NOTICE]] : []), ...(totals.partial ? [['partial', totals.partial]] : [])];
  if (properties.length) await write(`    <properties>${properties.map(([k, v]) => `<property name="${k}" value="${xml(v!)}"/>`).join('')}</properties>\n`);
  const name = (r: { taskId: string; epoch: number }) => `${r.taskId}${r.epoch > 0 ? ` #${r.epoch}` : ''}`;
  for await (const r of records) {
    await write(`    <testcase classname="${xml(`${r.env.name}.${r.point}`)}" name="${xml(name(r))}" time="${(r.wallMs / 1000).toFixed(3)}">`);
    if (r.status === 'error') await write(`<error message="${xml(r.error?.message ?? r.exitReason)}" type="${xml(r.error?.code ?? 'error')}"/>`);
    else if (!r.score.passed) await write(`<failure message="${xml(`exit: ${r.exitReason}; answer: ${r.score.answer ?? '-'}`)}" type="${xml(r.exitReason)}"/>`);
    await write('</testcase>\n');
  }
  for (const e of skipped) {
    await write(`    <testcase classname="${xml(`${e.env}.${e.point}`)}" name="${xml(name(e))}" time="0"><skipped message="${xml(`not run: ${totals.partial ?? 'partial run'}`)}"/></testcase>\n`);
  }
  await write('  </testsuite>\n</testsuites>\n');
  out.end();
  await once(out, 'finish');
}
