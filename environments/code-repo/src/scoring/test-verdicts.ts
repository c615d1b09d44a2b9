import type { TestFramework } from '../tasks/instance-schema.js';
import { canonicalUnittestId, type ParsedTest } from './parsers/index.js';

/** A listed test's verdict in a score. */
export type TestVerdict = 'passed' | 'failed' | 'missing' | 'error';

function sameFile(reported: string | undefined, wanted: string): boolean {
  if (!reported) return false;
  const r = reported.replace(/\\/g, '/');
  return r === wanted || r.endsWith(`/${wanted}`);
}

/** The results an id names: by exact name, or as `file > name` / `file::name` for frameworks that report files. */
export function matchingResults(id: string, results: ParsedTest[], framework: TestFramework): ParsedTest[] {
  const wanted = framework === 'python-unittest' ? canonicalUnittestId(id) : id;
  const exact = results.filter((r) => r.name === wanted);
  if (exact.length > 0) return exact;
  for (const sep of [' > ', '::']) {
    const at = id.indexOf(sep);
    if (at <= 0) continue;
    const file = id.slice(0, at);
    const name = id.slice(at + sep.length);
    const hits = results.filter((r) => r.name === name && sameFile(r.file, file));
    if (hits.length > 0) return hits;
  }
  return [];
}

/**
 * The verdict of every listed test: `passed` only if each result it names passed; a skip counts as a failure
 * (as in SWE-bench); `missing` if the output never mentions it.
 */
export function testVerdicts(ids: string[], results: ParsedTest[], framework: TestFramework): Record<string, TestVerdict> {
  const verdicts: Record<string, TestVerdict> = {};
  for (const id of ids) {
    const hits = matchingResults(id, results, framework);
    if (hits.length === 0) verdicts[id] = 'missing';
    else if (hits.every((h) => h.status === 'passed')) verdicts[id] = 'passed';
    else if (hits.some((h) => h.status === 'failed' || h.status === 'skipped')) verdicts[id] = 'failed';
    else verdicts[id] = 'error';
  }
  return verdicts;
}
