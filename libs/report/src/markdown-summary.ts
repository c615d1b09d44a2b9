import type { CurvePoint, RunSummary } from '@crucible/scoring';
import { type Completeness, completenessBanner } from './completeness.js';
import { ERRORS_APART } from './console-summary.js';
import { count, errorsCell, mdTable, pct, seconds, usd } from './format.js';
import { TEST_DOUBLE_NOTICE } from './test-double-notice.js';

/** Run facts shown at the top of the Markdown summary. */
export interface RunMeta {
  runId: string;
  env: string;
  model: string;
  createdAt?: string;
}

/** `summary.md`: the same figures as the console table, for CI job summaries and pull requests. */
export function renderMarkdownSummary(summary: RunSummary, meta: RunMeta, extra: { curves?: CurvePoint[]; frontier?: CurvePoint[]; completeness?: Completeness } = {}): string {
  const out = [`# Crucible run ${meta.runId}`, ''];
  if (extra.completeness && !extra.completeness.complete) out.push(`> **${completenessBanner(extra.completeness)}**`, '');
  out.push(`Environment **${meta.env}**, model **${meta.model}**.`);
  if (summary.testDouble) out.push('', `> ${TEST_DOUBLE_NOTICE}`);
  out.push(
    '',
    '## Results',
    '',
    mdTable(
      ['setting', 'tasks', 'accuracy', '95% CI', 'tokens', 'calls', 'wall/episode', 'cost', 'errors'],
      summary.points.map((p) => [
        p.point,
        String(p.tasks),
        pct(p.accuracy.mean),
        `${pct(p.accuracy.low)} – ${pct(p.accuracy.high)}`,
        count(p.usage.total.totalTokens),
        count(p.usage.total.calls),
        seconds(p.meanWallMs),
        usd(p.cost.totalUsd),
        errorsCell(p),
      ]),
    ),
  );
  if (summary.points.some((p) => p.errors > 0)) out.push('', ERRORS_APART);
  const difficulties = summary.points.flatMap((p) => p.byDifficulty.map((d) => [p.point, String(d.difficulty), String(d.episodes), pct(d.accuracy.mean)]));
  if (difficulties.length > 0) out.push('', '## By difficulty', '', mdTable(['setting', 'difficulty', 'episodes', 'accuracy'], difficulties));
  if (summary.kCurves.some((k) => k.k > 1)) {
    out.push(
      '',
      '## Metrics from the sample pool',
      '',
      mdTable(
        ['setting', 'k', 'pass@k', 'maj@k', 'best@k'],
        summary.kCurves.map((k) => [k.point, String(k.k), pct(k.passAtK.mean), pct(k.majAtK.mean), k.bestAtK ? pct(k.bestAtK.mean) : '–']),
      ),
    );
  }
  if (extra.curves?.length) {
    const frontier = new Set((extra.frontier ?? []).map((c) => `${c.point}|${c.k}`));
    out.push(
      '',
      '## Score against compute',
      '',
      mdTable(
        ['setting', 'k', 'score', 'tokens/task', 'calls/task', 'cost/task', 'Pareto'],
        extra.curves.map((c) => [c.point, String(c.k), pct(c.score), count(c.tokens), c.calls.toFixed(1), usd(c.costUsd), frontier.has(`${c.point}|${c.k}`) ? 'yes' : '']),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
