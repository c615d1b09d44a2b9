import { flattenCompute } from '@crucible/core';
import type { CurvePoint, PointSummary, RunSummary } from '@crucible/scoring';
import { count, pct } from '../format.js';
import { chartSvg, type ChartSeries } from './chart.js';

const interval = (lo: number, hi: number) => `95% CI ${pct(lo)} – ${pct(hi)}`;

/** Score against tokens per task: one line per setting, one point per k, the Pareto frontier ringed. */
export function tokensChart(curves: CurvePoint[], frontier: CurvePoint[]): string {
  const onFrontier = new Set(frontier.map((c) => `${c.point}|${c.k}`));
  const settings = [...new Set(curves.map((c) => c.point))];
  const series: ChartSeries[] = settings.map((point) => ({
    label: point,
    points: curves
      .filter((c) => c.point === point)
      .map((c) => ({
        x: Math.max(1, c.tokens),
        y: c.score,
        lo: c.ci.low,
        hi: c.ci.high,
        tag: `k=${c.k}`,
        ring: onFrontier.has(`${c.point}|${c.k}`),
        title: `${c.point}, k=${c.k} (${c.aggregate}): ${pct(c.score)} (${interval(c.ci.low, c.ci.high)}) at ${count(c.tokens)} tokens/task, ${c.calls.toFixed(2)} calls/task, ${c.tasks} tasks${onFrontier.has(`${c.point}|${c.k}`) ? '; on the Pareto frontier' : ''}`,
      })),
  }));
  return chartSvg({ id: 'curve', xTitle: 'tokens per task (log scale)', yTitle: 'score (maj@k / best@k)', xScale: 'log', xFormat: count, series, note: 'Each point is one k drawn from the setting\'s sample pool; shaded: 95% CI; ringed: Pareto frontier (no other point scores higher for fewer tokens). Hover a point for its values.' });
}

/** Compute settings that differ between the points of a sweep: its axes, under the names sweeps use (`reasoningEffort`). */
export function sweepAxes(points: PointSummary[]): string[] {
  const keys = new Set(points.flatMap((p) => Object.keys(setting(p))));
  return [...keys].filter((k) => new Set(points.map((p) => JSON.stringify(setting(p)[k]))).size > 1);
}

/** A point's compute under the flat names sweep axes and labels use. */
const setting = (p: PointSummary): Record<string, unknown> => flattenCompute(p.compute);

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** Accuracy against one sweep axis: x the axis's values, one line per combination of the other axes. */
export function axisChart(summary: RunSummary, axis: string, axes: string[]): string {
  const values = [...new Set(summary.points.map((p) => show(setting(p)[axis])))];
  const numeric = values.every((v) => v !== '' && Number.isFinite(Number(v)));
  if (numeric) values.sort((a, b) => Number(a) - Number(b));
  const others = axes.filter((a) => a !== axis);
  const groups = new Map<string, PointSummary[]>();
  for (const p of summary.points) {
    const key = others.map((o) => `${o}=${show(setting(p)[o])}`).join(', ') || 'all settings';
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const series: ChartSeries[] = [...groups].map(([label, pts]) => ({
    label,
    points: pts
      .filter((p) => p.scored > 0)
      .map((p) => ({
        x: values.indexOf(show(setting(p)[axis])),
        y: p.accuracy.mean,
        lo: p.accuracy.low,
        hi: p.accuracy.high,
        tag: `${pct(p.accuracy.mean)}`,
        title: `${p.point}: accuracy ${pct(p.accuracy.mean)} (${interval(p.accuracy.low, p.accuracy.high)}) over ${p.scored} scored episodes; ${count(p.usage.perEpisode.totalTokens)} tokens/episode`,
      })),
  }));
  return chartSvg({ id: `axis-${axis}`, xTitle: axis, yTitle: 'accuracy', xScale: 'category', categories: values, series });
}

/** Accuracy per task difficulty, one line per setting. */
export function difficultyChart(summary: RunSummary): string {
  const difficulties = [...new Set(summary.points.flatMap((p) => p.byDifficulty.map((d) => d.difficulty)))].sort((a, b) => a - b);
  if (difficulties.length === 0) return '';
  const series: ChartSeries[] = summary.points.map((p) => ({
    label: p.point,
    points: p.byDifficulty.map((d) => ({
      x: difficulties.indexOf(d.difficulty),
      y: d.accuracy.mean,
      lo: d.accuracy.low,
      hi: d.accuracy.high,
      title: `${p.point}, difficulty ${d.difficulty}: ${pct(d.accuracy.mean)} (${interval(d.accuracy.low, d.accuracy.high)}) over ${d.episodes} episodes`,
    })),
  }));
  return chartSvg({ id: 'difficulty', xTitle: 'task difficulty', yTitle: 'accuracy', xScale: 'category', categories: difficulties.map(String), series });
}
