import { esc } from './escape.js';

/** One plotted point: `y` in 0..1; `lo`/`hi` its 95% interval; `tag` printed beside it (e.g. `k=4`). */
export interface ChartPoint {
  x: number;
  y: number;
  lo?: number;
  hi?: number;
  tag?: string;
  /** Drawn as a ring: on the Pareto frontier. */
  ring?: boolean;
  /** The hover text. */
  title: string;
}

/** One line of the chart. */
export interface ChartSeries {
  label: string;
  points: ChartPoint[];
}

/** A score chart: y is always a 0..1 score shown in percent. */
export interface ChartSpec {
  id: string;
  xTitle: string;
  yTitle: string;
  /** `category`: x is an index into `categories`. */
  xScale: 'log' | 'linear' | 'category';
  categories?: string[];
  series: ChartSeries[];
  /** Formats a numeric x tick. */
  xFormat?: (x: number) => string;
  note?: string;
}

/** Distinct line colours, colour-blind-friendly order first. */
export const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];

const W = 680;
const PLOT_H = 320;
const PAD = { l: 64, r: 24, t: 24, b: 56 };

/** Round-number ticks between lo and hi (about `n` of them). */
function niceTicks(lo: number, hi: number, n = 5): number[] {
  if (hi <= lo) return [lo];
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Ticks for a log axis: 1-2-5 steps per decade when they give at least three ticks, else even steps in log space. */
function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) for (const m of [1, 2, 5]) {
    const v = m * 10 ** e;
    if (v >= lo * 0.999 && v <= hi * 1.001) out.push(v);
  }
  if (out.length >= 3) return out;
  const [a, b] = [Math.log10(lo), Math.log10(hi)];
  return [0, 0.25, 0.5, 0.75, 1].map((f) => Number((10 ** (a + f * (b - a))).toPrecision(2)));
}

/** Renders a chart as inline SVG: axis titles, tick labels, 95% bands, point tags, Pareto rings, `<title>` hovers, legend. */
export function chartSvg(spec: ChartSpec): string {
  const all = spec.series.flatMap((s) => s.points);
  if (all.length === 0) return '';
  const legendH = 18 * spec.series.length + 8;
  const H = PLOT_H + legendH;
  const plotW = W - PAD.l - PAD.r;
  const xs = all.map((p) => p.x);
  let sx: (x: number) => number;
  let ticks: Array<{ x: number; label: string }>;
  const fmt = spec.xFormat ?? ((x: number) => String(x));
  if (spec.xScale === 'category') {
    const cats = spec.categories ?? [];
    const step = plotW / Math.max(1, cats.length);
    sx = (x) => PAD.l + step * (x + 0.5);
    ticks = cats.map((c, i) => ({ x: i, label: c }));
  } else if (spec.xScale === 'log') {
    const lo = Math.max(1e-9, Math.min(...xs));
    const hi = Math.max(...xs);
    const [a, b] = lo === hi ? [Math.log10(lo) - 0.5, Math.log10(lo) + 0.5] : [Math.log10(lo) - 0.05 * (Math.log10(hi) - Math.log10(lo)), Math.log10(hi) + 0.05 * (Math.log10(hi) - Math.log10(lo))];
    sx = (x) => PAD.l + ((Math.log10(Math.max(1e-9, x)) - a) / (b - a)) * plotW;
    ticks = logTicks(10 ** a, 10 ** b).map((x) => ({ x, label: fmt(x) }));
  } else {
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    const [a, b] = lo === hi ? [lo - 1, hi + 1] : [lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo)];
    sx = (x) => PAD.l + ((x - a) / (b - a)) * plotW;
    ticks = niceTicks(a, b).map((x) => ({ x, label: fmt(x) }));
  }
  const sy = (y: number) => PAD.t + (1 - y) * (PLOT_H - PAD.t - PAD.b);
  const f = (n: number) => n.toFixed(1);
  const base = PLOT_H - PAD.b;
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((v) => `<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${f(sy(v))}" y2="${f(sy(v))}" stroke="#e5e7eb"/><text class="ytick" x="${PAD.l - 6}" y="${f(sy(v) + 4)}" text-anchor="end" font-size="11">${v * 100}%</text>`)
    .join('');
  const xt = ticks
    .map((t) => `<line x1="${f(sx(t.x))}" x2="${f(sx(t.x))}" y1="${base}" y2="${base + 5}" stroke="#6b7280"/><text class="xtick" x="${f(sx(t.x))}" y="${base + 18}" text-anchor="middle" font-size="11">${esc(t.label)}</text>`)
    .join('');
  const axes = `<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${base}" y2="${base}" stroke="#6b7280"/><line x1="${PAD.l}" x2="${PAD.l}" y1="${PAD.t}" y2="${base}" stroke="#6b7280"/>`;
  const titles = `<text class="axis-title x" x="${PAD.l + plotW / 2}" y="${base + 40}" text-anchor="middle" font-size="13" font-weight="600">${esc(spec.xTitle)}</text><text class="axis-title y" transform="translate(16 ${(PAD.t + base) / 2}) rotate(-90)" text-anchor="middle" font-size="13" font-weight="600">${esc(spec.yTitle)}</text>`;
  const series = spec.series.map((s, i) => {
    const color = COLORS[i % COLORS.length]!;
    const pts = [...s.points].sort((p, q) => p.x - q.x);
    const banded = pts.filter((p) => p.lo !== undefined && p.hi !== undefined);
    const band = banded.length
      ? `<polygon class="band" points="${[...banded.map((p) => `${f(sx(p.x))},${f(sy(p.hi!))}`), ...[...banded].reverse().map((p) => `${f(sx(p.x))},${f(sy(p.lo!))}`)].join(' ')}" fill="${color}" fill-opacity="0.12" stroke="${color}" stroke-opacity="0.3" stroke-dasharray="3 3"/>`
      : '';
    const whiskers = banded.length === 1 ? `<line x1="${f(sx(banded[0]!.x))}" x2="${f(sx(banded[0]!.x))}" y1="${f(sy(banded[0]!.lo!))}" y2="${f(sy(banded[0]!.hi!))}" stroke="${color}" stroke-opacity="0.5" stroke-width="6"/>` : '';
    const line = `<polyline class="curve" data-series="${esc(s.label)}" points="${pts.map((p) => `${f(sx(p.x))},${f(sy(p.y))}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`;
    const dots = pts
      .map(
        (p) =>
          `<g class="pt${p.ring ? ' pareto' : ''}"><circle cx="${f(sx(p.x))}" cy="${f(sy(p.y))}" r="${p.ring ? 7 : 4}" fill="${p.ring ? '#fff' : color}" stroke="${color}" stroke-width="${p.ring ? 3 : 1.5}"/>${p.tag ? `<text class="tag" x="${f(sx(p.x) + 8)}" y="${f(sy(p.y) - 8)}" font-size="11" fill="${color}">${esc(p.tag)}</text>` : ''}<title>${esc(p.title)}</title></g>`,
      )
      .join('');
    const legend = `<g class="legend"><line x1="${PAD.l}" x2="${PAD.l + 24}" y1="${PLOT_H + 12 + 18 * i}" y2="${PLOT_H + 12 + 18 * i}" stroke="${color}" stroke-width="3"/><text x="${PAD.l + 30}" y="${PLOT_H + 16 + 18 * i}" font-size="12">${esc(s.label)}</text></g>`;
    return band + whiskers + line + dots + legend;
  });
  return `<figure class="chart"><svg id="${esc(spec.id)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(`${spec.yTitle} against ${spec.xTitle}`)}"><rect width="${W}" height="${H}" fill="#fff"/>${grid}${axes}${xt}${titles}${series.join('')}</svg>${spec.note ? `<figcaption class="note">${esc(spec.note)}</figcaption>` : ''}</figure>`;
}
