import type { CurvePoint, DifficultyChoice, RunSummary } from '@crucible/scoring';
import { type Completeness, completenessBanner } from './completeness.js';
import { ERRORS_APART } from './console-summary.js';
import { count, errorsCell, pct, seconds, usd } from './format.js';
import { BROWSER_SCRIPT } from './html/browser-script.js';
import { axisChart, difficultyChart, sweepAxes, tokensChart } from './html/compute-charts.js';
import { detailOf, indexRow, type HtmlEpisode } from './html/episode.js';
import { esc, scriptJson, tableHtml } from './html/escape.js';
import { exitBreakdown } from './html/exit-breakdown.js';
import { REPORT_CSS } from './html/styles.js';
import { TEST_DOUBLE_NOTICE } from './test-double-notice.js';

export type { HtmlEpisode, HtmlSample } from './html/episode.js';

/** Everything `report.html` shows. */
export interface HtmlReportInput {
  meta: { runId: string; env: string; model: string };
  summary: RunSummary;
  curves: CurvePoint[];
  frontier: CurvePoint[];
  bestPerDifficulty: DifficultyChoice[];
  /** Every episode of the run: the report lists them all and loads each one's detail only when opened. */
  episodes: HtmlEpisode[];
  /** Episodes in the run (a note says so when `episodes` holds fewer). */
  totalEpisodes: number;
  /** A partial run gets a banner at the top. */
  completeness?: Completeness;
}

function chartsSection(input: HtmlReportInput): string {
  const { summary } = input;
  const kRows = summary.kCurves.filter((k) => summary.kCurves.some((o) => o.point === k.point && o.k > 1));
  const kTable = kRows.length ? `<h2>Metrics from the sample pool</h2>${tableHtml(['setting', 'k', 'pass@k', 'maj@k', 'best@k'], kRows.map((k) => [k.point, String(k.k), pct(k.passAtK.mean), pct(k.majAtK.mean), k.bestAtK ? pct(k.bestAtK.mean) : '–']))}` : '';
  const axes = sweepAxes(summary.points);
  const compute = kRows.length || summary.points.length > 1 ? `<h2>Score against compute</h2><div class="charts">${tokensChart(input.curves, input.frontier)}${axes.map((a) => axisChart(summary, a, axes)).join('')}</div>` : '';
  const byDifficulty = difficultyChart(summary);
  const difficulty = byDifficulty ? `<h2>Accuracy by difficulty</h2><div class="charts">${byDifficulty}</div>` : '';
  const best = input.bestPerDifficulty.length && compute ? `<h3>Compute-optimal setting per difficulty</h3>${tableHtml(['difficulty', 'setting', 'k', 'score', 'tokens/task'], input.bestPerDifficulty.map((d) => [String(d.difficulty), d.best?.point ?? '–', d.best ? String(d.best.k) : '–', d.best ? pct(d.best.score) : '–', d.best ? count(d.best.tokens) : '–']))}` : '';
  return kTable + compute + difficulty + best;
}

const BROWSER_HTML = `<div class="filters" role="search">
<label>result <select id="f-result"><option value="">all</option><option value="passed">passed</option><option value="failed">failed</option><option value="error">error</option></select></label>
<label>exit reason <select id="f-exit"><option value="">all</option></select></label>
<label>setting <select id="f-setting"><option value="">all</option></select></label>
<label>difficulty <select id="f-difficulty"><option value="">all</option></select></label>
<label>search <input type="search" id="f-search" placeholder="answers, task or episode id"></label>
<label><input type="checkbox" id="f-messages"> also search messages</label>
<span id="search-status" class="note"></span>
</div>
<div class="browser"><div>
<div class="pager"><button id="page-prev">◀ previous</button><span id="count"></span><button id="page-next">next ▶</button></div>
<table id="episodes"><thead><tr><th>task</th><th>setting</th><th>result</th><th>exit</th><th>difficulty</th><th>answer</th><th>tokens</th><th>calls</th><th>samples</th></tr></thead><tbody></tbody></table>
</div><div id="viewer"><p class="note">Click an episode to see its answers and trajectory; its link (#episode=ID) opens it again.</p></div></div>`;

/** Reads an episode's stored trajectory (gzip'd JSON) as base64, or undefined when it has none. */
export type TrajectorySource = (episode: HtmlEpisode, index: number) => Promise<string | undefined>;

function head(input: HtmlReportInput): string {
  const { summary, meta } = input;
  const results =
    tableHtml(
      ['setting', 'tasks', 'episodes', 'accuracy', '95% CI', 'tokens', 'calls', 'wall/episode', 'cost', 'errors'],
      summary.points.map((p) => [p.point, String(p.tasks), String(p.episodes), pct(p.accuracy.mean), `${pct(p.accuracy.low)} – ${pct(p.accuracy.high)}`, count(p.usage.total.totalTokens), count(p.usage.total.calls), seconds(p.meanWallMs), usd(p.cost.totalUsd), errorsCell(p)]),
    ) + (summary.points.some((p) => p.errors > 0) ? `<p class="note">${esc(ERRORS_APART)}</p>` : '');
  const partial = input.completeness && !input.completeness.complete ? `<p class="partial" id="partial-run">${esc(completenessBanner(input.completeness))}</p>\n` : '';
  const shown = input.episodes.length < input.totalEpisodes ? `<p class="note">The report holds ${input.episodes.length} of ${input.totalEpisodes} episodes; all are in episodes.jsonl.</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Crucible run ${esc(meta.runId)}</title>
<style>${REPORT_CSS}</style></head><body>
<h1>Crucible run ${esc(meta.runId)}</h1>
${partial}<p>Environment <b>${esc(meta.env)}</b>, model <b>${esc(meta.model)}</b>.</p>
${summary.testDouble ? `<p class="sim" id="sim-notice">${esc(TEST_DOUBLE_NOTICE)}</p>` : ''}
<h2>Results</h2>${results}${chartsSection(input)}${exitBreakdown(input.episodes)}
<h2>Episodes</h2>${shown}
${BROWSER_HTML}
<script type="application/json" id="episode-index">${scriptJson(input.episodes.map(indexRow))}</script>
<script>${BROWSER_SCRIPT}</script>
`;
}

// base64 has no `<`, so it cannot close its script block
const block = (e: HtmlEpisode, i: number, trajectory: string | undefined) =>
  `<script type="application/json" id="d-${i}">${scriptJson(detailOf(e, trajectory !== undefined))}</script>${trajectory !== undefined ? `<script type="application/gzip+base64" id="t-${i}">${trajectory}</script>` : ''}\n`;

const TAIL = '</body></html>\n';

/**
 * `report.html`: one self-contained file (no network, no external assets) with the results, the compute charts
 * and an episode browser. Episodes are embedded as a compact index plus one detail block and one gzip+base64
 * trajectory block each, placed after the script so the page paints before the parser reaches them.
 */
export function renderHtmlReport(input: HtmlReportInput): string {
  return head(input) + input.episodes.map((e, i) => block(e, i, e.trajectoryGzBase64)).join('') + TAIL;
}

/**
 * The same file as {@link renderHtmlReport}, in chunks, reading each trajectory only when its block is written:
 * a 100 MB run is never held in memory at once.
 */
export async function* htmlReportChunks(input: HtmlReportInput, trajectoryOf: TrajectorySource): AsyncGenerator<string> {
  yield head(input);
  for (const [i, e] of input.episodes.entries()) yield block(e, i, e.trajectoryGzBase64 ?? (await trajectoryOf(e, i)));
  yield TAIL;
}
