import { join } from 'node:path';
import { totalTokens, type EpisodeRecord } from '@crucible/core';
import { trajectoryViewBase64, type HtmlEpisode } from '@crucible/report';
import { readSmallFile } from './small-files.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** Per-test verdicts when the score details carry them (code-repo: `{ tests: { id: 'passed' | 'failed' | ... } }`). */
function testsOf(details: Record<string, unknown>): Record<string, string> | undefined {
  const tests = details['tests'];
  if (!tests || typeof tests !== 'object') return undefined;
  const out = Object.fromEntries(Object.entries(tests as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  return Object.keys(out).length ? out : undefined;
}

/**
 * One episode for `report.html`: its row and what the detail view shows (reference, each sample's answer, the
 * patch and tests of code tasks). The trajectory is read apart, by {@link trajectoryBase64}, as the file is written.
 */
export function reportEpisode(r: EpisodeRecord): HtmlEpisode {
  const details = r.score.details;
  // the episode's verdict details, else the first sample's (a single-sample code episode keeps them there)
  const first = r.samples[0]?.score.details ?? {};
  const votes = details['votes'];
  const row: HtmlEpisode = {
    id: r.id,
    taskId: r.taskId,
    point: r.point,
    status: r.status,
    exitReason: r.exitReason,
    passed: r.score.passed,
    difficulty: r.difficulty,
    answer: r.score.answer,
    tokens: totalTokens(r.usage),
    calls: r.usage.calls,
    wallMs: r.wallMs,
    samples: r.samples.length,
    error: r.error?.message,
    reference: str(details['reference']) ?? str(first['reference']),
    vote: typeof votes === 'number' ? `${str(details['aggregate']) ?? 'vote'}: ${votes} of ${r.samples.length} samples gave this answer` : undefined,
    sampleResults: r.samples.map((s) => ({ index: s.index, answer: s.score.answer, passed: s.score.passed, exitReason: s.exitReason, tokens: totalTokens(s.usage) })),
    patch: str(details['model_patch']) ?? str(first['model_patch']),
    tests: testsOf(details) ?? testsOf(first),
  };
  // `reason` is the code grader's verdict; math uses the same key for "no answer", shown as the answer already
  if (row.patch !== undefined || row.tests) row.verdict = str(details['reason']) ?? str(first['reason']);
  return row;
}

/** An episode's stored trajectory file, read through its schema into the viewer's form, base64; undefined when missing. */
export async function trajectoryBase64(runDir: string, path: string | undefined): Promise<string | undefined> {
  if (!path) return undefined;
  try {
    return await trajectoryViewBase64(await readSmallFile(join(runDir, path)), path);
  } catch {
    return undefined; // a missing trajectory file leaves the episode without one; the viewer says so
  }
}
