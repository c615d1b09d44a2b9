import type { CurvePoint, DifficultyChoice, RunSummary } from '@crucible/scoring';
import { type Completeness, completenessBanner } from './completeness.js';
import { ERRORS_APART } from './console-summary.js';
import { count, errorsCell, pct, seconds, usd } from './format.js';
import { SIM_NOTICE } from './sim-notice.js';

/** One episode as the HTML viewer lists it; `messages` only for the episodes whose trajectory is embedded. */
export interface HtmlEpisode {
  id: string;
  taskId: string;
  point: string;
  status: string;
  exitReason: string;
  passed: boolean;
  answer?: string;
  tokens: number;
  calls: number;
  wallMs: number;
  samples: number;
  error?: string;
  /** `reasoning`: the model's thinking, kept apart from its answer; shown collapsed. */
  messages?: Array<{ sample: number; role: string; content: string; tools?: string[]; reasoning?: string }>;
}

/** Everything `report.html` shows. */
export interface HtmlReportInput {
  meta: { runId: string; env: string; model: string };
  summary: RunSummary;
  curves: CurvePoint[];
  frontier: CurvePoint[];
  bestPerDifficulty: DifficultyChoice[];
  episodes: HtmlEpisode[];
  /** Episodes in the run (the list may hold fewer). */
  totalEpisodes: number;
  /** A partial run gets a banner at the top. */
  completeness?: Completeness;
}

const esc = (t: string) => t.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];

function tableHtml(header: string[], rows: string[][]): string {
  return `<table><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** Score against tokens per task, one line per setting, log-scaled tokens; Pareto points ringed. */
function curveSvg(curves: CurvePoint[], frontier: CurvePoint[]): string {
  if (curves.length === 0) return '';
  const W = 640;
  const H = 320;
  const pad = { l: 56, r: 16, t: 16, b: 40 };
  const xs = curves.map((c) => Math.log10(Math.max(1, c.tokens)));
  const [x0, x1] = [Math.min(...xs), Math.max(...xs) + 1e-9];
  const sx = (t: number) => pad.l + ((Math.log10(Math.max(1, t)) - x0) / (x1 - x0 || 1)) * (W - pad.l - pad.r);
  const sy = (s: number) => H - pad.b - s * (H - pad.t - pad.b);
  const points = [...new Set(curves.map((c) => c.point))];
  const onFrontier = new Set(frontier.map((c) => `${c.point}|${c.k}`));
  const lines = points.map((p, i) => {
    const pts = curves.filter((c) => c.point === p).sort((a, b) => a.tokens - b.tokens);
    const color = COLORS[i % COLORS.length];
    const path = pts.map((c) => `${sx(c.tokens).toFixed(1)},${sy(c.score).toFixed(1)}`).join(' ');
    const dots = pts
      .map(
        (c) =>
          `<circle cx="${sx(c.tokens).toFixed(1)}" cy="${sy(c.score).toFixed(1)}" r="${onFrontier.has(`${c.point}|${c.k}`) ? 6 : 3.5}" fill="${onFrontier.has(`${c.point}|${c.k}`) ? 'none' : color}" stroke="${color}" stroke-width="2"><title>${esc(`${c.point}, k=${c.k}: ${pct(c.score)} at ${count(c.tokens)} tokens/task`)}</title></circle>`,
      )
      .join('');
    return `<polyline class="curve" data-point="${esc(p)}" points="${path}" fill="none" stroke="${color}" stroke-width="2"/>${dots}<text x="${W - pad.r - 4}" y="${H - pad.b - 8 - 14 * (points.length - 1 - i)}" text-anchor="end" fill="${color}" font-size="12">${esc(p)}</text>`;
  });
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((v) => `<line x1="${pad.l}" x2="${W - pad.r}" y1="${sy(v)}" y2="${sy(v)}" stroke="#e5e7eb"/><text x="${pad.l - 6}" y="${sy(v) + 4}" text-anchor="end" font-size="11">${pct(v)}</text>`);
  const minTokens = Math.min(...curves.map((c) => c.tokens));
  const maxTokens = Math.max(...curves.map((c) => c.tokens));
  yTicks.push(`<text x="${sx(minTokens)}" y="${H - pad.b + 14}" text-anchor="middle" font-size="11">${count(minTokens)}</text>`, `<text x="${sx(maxTokens)}" y="${H - pad.b + 14}" text-anchor="end" font-size="11">${count(maxTokens)}</text>`);
  return `<svg id="curve" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="score against tokens per task">${yTicks.join('')}<text x="${(W + pad.l) / 2}" y="${H - 8}" text-anchor="middle" font-size="12">tokens per task (log scale); ringed = Pareto frontier</text>${lines.join('')}</svg>`;
}

/**
 * `report.html`: one self-contained file (no network, no external assets) with the results, the compute curves
 * and a trajectory viewer for the embedded episodes.
 */
export function renderHtmlReport(input: HtmlReportInput): string {
  const { summary, meta } = input;
  const results = tableHtml(
    ['setting', 'tasks', 'episodes', 'accuracy', '95% CI', 'tokens', 'calls', 'wall/episode', 'cost', 'errors'],
    summary.points.map((p) => [p.point, String(p.tasks), String(p.episodes), pct(p.accuracy.mean), `${pct(p.accuracy.low)} – ${pct(p.accuracy.high)}`, count(p.usage.total.totalTokens), count(p.usage.total.calls), seconds(p.meanWallMs), usd(p.cost.totalUsd), errorsCell(p)]),
  ) + (summary.points.some((p) => p.errors > 0) ? `<p class="note">${esc(ERRORS_APART)}</p>` : '');
  const partial = input.completeness && !input.completeness.complete ? `<p class="partial" id="partial-run">${esc(completenessBanner(input.completeness))}</p>\n` : '';
  const kRows = summary.kCurves.filter((k) => summary.kCurves.some((o) => o.point === k.point && o.k > 1));
  const kTable = kRows.length ? `<h2>Metrics from the sample pool</h2>${tableHtml(['setting', 'k', 'pass@k', 'maj@k', 'best@k'], kRows.map((k) => [k.point, String(k.k), pct(k.passAtK.mean), pct(k.majAtK.mean), k.bestAtK ? pct(k.bestAtK.mean) : '–']))}` : '';
  const curve = kRows.length || summary.points.length > 1 ? `<h2>Score against compute</h2>${curveSvg(input.curves, input.frontier)}` : '';
  const best = input.bestPerDifficulty.length && curve ? `<h2>Compute-optimal setting per difficulty</h2>${tableHtml(['difficulty', 'setting', 'k', 'score', 'tokens/task'], input.bestPerDifficulty.map((d) => [String(d.difficulty), d.best?.point ?? '–', d.best ? String(d.best.k) : '–', d.best ? pct(d.best.score) : '–', d.best ? count(d.best.tokens) : '–']))}` : '';
  const data = JSON.stringify(input.episodes).replace(/</g, '\\u003c');
  const shown = input.episodes.length < input.totalEpisodes ? `<p class="note">Showing the first ${input.episodes.length} of ${input.totalEpisodes} episodes; all are in episodes.jsonl.</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Crucible run ${esc(meta.runId)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#111827;max-width:1200px}
table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #e5e7eb;padding:4px 8px;text-align:left}th{background:#f9fafb}
.partial{background:#fee2e2;border:2px solid #dc2626;padding:10px 14px;border-radius:6px;font-weight:700;font-size:16px}
.sim{background:#fef3c7;border:1px solid #f59e0b;padding:8px 12px;border-radius:6px;font-weight:600}
#episodes tbody tr{cursor:pointer}#episodes tbody tr:hover{background:#eff6ff}.pass{color:#15803d}.fail{color:#b91c1c}
#viewer{border:1px solid #d1d5db;border-radius:6px;padding:12px;margin-top:12px}.msg{margin:6px 0;padding:6px 8px;border-radius:4px;white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:12px}
.system{background:#f3f4f6}.user{background:#eff6ff}.assistant{background:#f0fdf4}.tool{background:#fefce8}.role{font-weight:700;font-family:system-ui}.reasoning{color:#4b5563;background:#f9fafb;border-left:3px solid #d1d5db;padding:2px 6px;margin:4px 0}.reasoning summary{cursor:pointer;font-family:system-ui}.note{color:#6b7280}
</style></head><body>
<h1>Crucible run ${esc(meta.runId)}</h1>
${partial}<p>Environment <b>${esc(meta.env)}</b>, model <b>${esc(meta.model)}</b>.</p>
${summary.sim ? `<p class="sim" id="sim-notice">${esc(SIM_NOTICE)}</p>` : ''}
<h2>Results</h2>${results}${kTable}${curve}${best}
<h2>Episodes</h2>${shown}
<table id="episodes"><thead><tr><th>task</th><th>setting</th><th>result</th><th>exit</th><th>answer</th><th>tokens</th><th>calls</th><th>samples</th></tr></thead><tbody></tbody></table>
<div id="viewer"><p class="note">Click an episode to see its trajectory.</p></div>
<script type="application/json" id="data">${data}</script>
<script>
const episodes = JSON.parse(document.getElementById('data').textContent);
const body = document.querySelector('#episodes tbody');
const text = (tag, cls, t) => { const e = document.createElement(tag); if (cls) e.className = cls; e.textContent = t; return e; };
episodes.forEach((e, i) => {
  const tr = document.createElement('tr');
  tr.dataset.index = String(i);
  const result = e.status === 'error' ? 'error' : e.passed ? 'passed' : 'failed';
  [e.taskId, e.point, result, e.exitReason, e.answer ?? '', String(e.tokens), String(e.calls), String(e.samples)].forEach((v, j) => tr.appendChild(text('td', j === 2 ? (e.passed ? 'pass' : 'fail') : '', v)));
  tr.addEventListener('click', () => show(i));
  body.appendChild(tr);
});
function show(i) {
  const e = episodes[i];
  const viewer = document.getElementById('viewer');
  viewer.replaceChildren(text('h3', '', e.taskId + ' (' + e.point + ')'));
  if (e.error) viewer.appendChild(text('p', 'fail', 'error: ' + e.error));
  if (!e.messages) { viewer.appendChild(text('p', 'note', 'No trajectory embedded for this episode; see trajectories/' + e.id + '.json.gz.')); return; }
  for (const m of e.messages) {
    const div = text('div', 'msg ' + m.role, '');
    div.appendChild(text('div', 'role', 'sample ' + m.sample + ' · ' + m.role + (m.tools && m.tools.length ? ' → ' + m.tools.join(', ') : '')));
    if (m.reasoning) {
      const details = text('details', 'reasoning', '');
      details.appendChild(text('summary', '', 'reasoning (' + m.reasoning.length + ' characters, not graded)'));
      details.appendChild(document.createTextNode(m.reasoning));
      div.appendChild(details);
    }
    div.appendChild(document.createTextNode(m.content));
    viewer.appendChild(div);
  }
}
</script>
</body></html>
`;
}
