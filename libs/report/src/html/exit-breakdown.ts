import { pct } from '../format.js';
import { tableHtml } from './escape.js';
import { resultOf, type HtmlEpisode } from './episode.js';

/** Accuracy by exit reason and setting: how often each way of ending was right. Error episodes are counted apart. */
export function exitBreakdown(episodes: HtmlEpisode[]): string {
  if (episodes.length === 0) return '';
  const cells = new Map<string, { n: number; passed: number; errors: number }>();
  for (const e of episodes) {
    const key = `${e.exitReason}\u0000${e.point}`;
    const c = cells.get(key) ?? { n: 0, passed: 0, errors: 0 };
    const r = resultOf(e);
    c.n++;
    if (r === 'passed') c.passed++;
    if (r === 'error') c.errors++;
    cells.set(key, c);
  }
  const rows = [...cells]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, c]) => {
      const [reason, point] = key.split('\u0000') as [string, string];
      const scored = c.n - c.errors;
      return [reason, point, String(c.n), String(scored), String(c.passed), scored ? pct(c.passed / scored) : 'n/a', String(c.errors)];
    });
  return `<h2>Accuracy by exit reason</h2>${tableHtml(['exit reason', 'setting', 'episodes', 'scored', 'passed', 'accuracy', 'errors'], rows, ' id="exit-reasons"')}`;
}
