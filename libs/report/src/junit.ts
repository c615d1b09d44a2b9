import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { EpisodeRecord } from '@crucible/core';
import { xml } from './format.js';
import { SIM_NOTICE } from './sim-notice.js';

/**
 * Writes `junit.xml` from a stream of episodes (one testcase per episode, a testsuite per run), so CI
 * systems show failing tasks. Streams: never holds all records.
 */
export async function writeJunit(path: string, records: AsyncIterable<EpisodeRecord>, totals: { tests: number; failures: number; errors: number; sim: boolean; name: string }): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('<?xml version="1.0" encoding="UTF-8"?>\n');
  await write(`<testsuites name="${xml(totals.name)}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}">\n`);
  await write(`  <testsuite name="${xml(totals.name)}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}">\n`);
  if (totals.sim) await write(`    <properties><property name="sim" value="${xml(SIM_NOTICE)}"/></properties>\n`);
  for await (const r of records) {
    const name = `${r.taskId}${r.epoch > 0 ? ` #${r.epoch}` : ''}`;
    await write(`    <testcase classname="${xml(`${r.env.name}.${r.point}`)}" name="${xml(name)}" time="${(r.wallMs / 1000).toFixed(3)}">`);
    if (r.status === 'error') await write(`<error message="${xml(r.error?.message ?? r.exitReason)}" type="${xml(r.error?.code ?? 'error')}"/>`);
    else if (!r.score.passed) await write(`<failure message="${xml(`exit: ${r.exitReason}; answer: ${r.score.answer ?? '-'}`)}" type="${xml(r.exitReason)}"/>`);
    await write('</testcase>\n');
  }
  await write('  </testsuite>\n</testsuites>\n');
  out.end();
  await once(out, 'finish');
}
