import type { CurvePoint, DifficultyChoice, KCurvePoint, PointSummary, RunSummary } from '@crucible/scoring';
import { type Completeness, completenessBanner } from './completeness.js';
import { count, errorsCell, pct, seconds, table, usd } from './format.js';
import { TEST_DOUBLE_NOTICE } from './test-double-notice.js';

/** The results table printed at the end of a run: one row per compute point. */
export function renderConsoleSummary(summary: RunSummary, extra: ComputeViews = {}): string {
  const out: string[] = [];
  if (extra.completeness && !extra.completeness.complete) out.push(completenessBanner(extra.completeness), '');
  if (summary.testDouble) out.push(TEST_DOUBLE_NOTICE, '');
  out.push(pointsTable(summary.points));
  if (summary.points.some((p) => p.errors > 0)) out.push(ERRORS_APART);
  const kRows = summary.kCurves.filter((k) => k.k > 1 || summary.kCurves.some((o) => o.point === k.point && o.k > 1));
  if (kRows.length > 0) out.push('', kCurveTable(kRows));
  const isSweep = summary.points.length > 1 || kRows.length > 0;
  if (isSweep && extra.curves && extra.curves.length > 0) out.push('', 'Score against compute per task (* = on the tokens Pareto frontier):', curveTable(extra.curves, extra.frontier ?? []));
  if (isSweep && extra.bestPerDifficulty && extra.bestPerDifficulty.length > 0) out.push('', 'Compute-optimal setting per difficulty:', difficultyTable(extra.bestPerDifficulty));
  return out.join('\n');
}

/** The sweep views printed below the results table. */
export interface ComputeViews {
  /** When given and partial, a PARTIAL RUN banner leads the output. */
  completeness?: Completeness;
  curves?: CurvePoint[];
  frontier?: CurvePoint[];
  bestPerDifficulty?: DifficultyChoice[];
}

/** Said under any results table with errors: what the accuracy is over. */
export const ERRORS_APART = 'accuracy and its 95% CI are over the scored episodes; error episodes (infra failures after retries) are not counted as wrong answers.';

function difficultyTable(choices: DifficultyChoice[]): string {
  const rows = choices.map((c) => [String(c.difficulty), c.best ? c.best.point : '-', c.best ? String(c.best.k) : '-', c.best ? pct(c.best.score) : '-', c.best ? count(c.best.tokens) : '-']);
  return table(['difficulty', 'best setting', 'k', 'score', 'tokens/task'], rows);
}

function pointsTable(points: PointSummary[]): string {
  const rows = points.map((p) => [
    p.point,
    String(p.tasks),
    String(p.episodes),
    pct(p.accuracy.mean),
    `[${pct(p.accuracy.low)}, ${pct(p.accuracy.high)}]`,
    count(p.usage.total.totalTokens),
    count(p.usage.perEpisode.totalTokens),
    count(p.usage.total.calls),
    seconds(p.meanWallMs),
    usd(p.cost.totalUsd),
    errorsCell(p),
  ]);
  return table(['setting', 'tasks', 'episodes', 'accuracy', '95% CI', 'tokens', 'tokens/ep', 'calls', 'wall/ep', 'cost', 'errors'], rows);
}

function kCurveTable(points: KCurvePoint[]): string {
  const rows = points.map((k) => [
    k.point,
    String(k.k),
    pct(k.passAtK.mean),
    pct(k.majAtK.mean),
    `[${pct(k.majAtK.low)}, ${pct(k.majAtK.high)}]`,
    k.bestAtK ? pct(k.bestAtK.mean) : '-',
  ]);
  return table(['setting', 'k', 'pass@k', 'maj@k', 'maj@k 95% CI', 'best@k'], rows);
}

function curveTable(curves: CurvePoint[], frontier: CurvePoint[]): string {
  const onFrontier = new Set(frontier.map((c) => `${c.point}|${c.k}`));
  const rows = curves.map((c) => [
    c.point,
    String(c.k),
    c.aggregate,
    pct(c.score),
    count(c.tokens),
    c.calls.toFixed(1),
    usd(c.costUsd),
    seconds(c.wallMs),
    onFrontier.has(`${c.point}|${c.k}`) ? '*' : '',
  ]);
  return table(['setting', 'k', 'aggregate', 'score', 'tokens/task', 'calls/task', 'cost/task', 'compute/task', 'pareto'], rows);
}
