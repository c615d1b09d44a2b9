import { describe, expect, it } from 'vitest';
import { parseCompute } from '@crucible/core';
import { count } from '../format.js';
import { chartSvg, type ChartSpec } from './chart.js';
import { sweepAxes } from './compute-charts.js';

const texts = (svg: string, cls: string) => [...svg.matchAll(new RegExp(`<text class="${cls}"[^>]*>([^<]*)</text>`, 'g'))].map((m) => m[1]);
const spec = (xs: number[], extra: Partial<ChartSpec> = {}): ChartSpec => ({
  id: 'c',
  xTitle: 'tokens',
  yTitle: 'score',
  xScale: 'log',
  xFormat: count,
  series: [{ label: 'a<b>', points: xs.map((x, i) => ({ x, y: 0.5, lo: 0.4, hi: 0.6, tag: `k=${i + 1}`, ring: i === 0, title: `p${i}` })) }],
  ...extra,
});

describe('chartSvg', () => {
  it('labels a log axis with 1-2-5 ticks across decades', () => {
    expect(texts(chartSvg(spec([200, 4000])), 'xtick')).toEqual(['200', '500', '1,000', '2,000']);
  });

  it('still gives at least three x ticks over a narrow range, and five y ticks', () => {
    const svg = chartSvg(spec([1000, 1100]));
    expect(texts(svg, 'xtick').length).toBeGreaterThanOrEqual(3);
    expect(texts(svg, 'ytick')).toEqual(['0%', '25%', '50%', '75%', '100%']);
  });

  it('tags each point, rings Pareto points, bands the interval and escapes labels', () => {
    const svg = chartSvg(spec([10, 100, 1000]));
    expect(texts(svg, 'tag')).toEqual(['k=1', 'k=2', 'k=3']);
    expect(svg.match(/class="pt pareto"/g)).toHaveLength(1);
    expect(svg).toContain('<polygon class="band"');
    expect(svg).toContain('a&lt;b&gt;');
    expect(svg).not.toContain('a<b>');
  });

  it('puts categories at their own ticks and draws nothing without points', () => {
    expect(texts(chartSvg(spec([0, 1], { xScale: 'category', categories: ['low', 'high'] })), 'xtick')).toEqual(['low', 'high']);
    expect(chartSvg({ ...spec([]), series: [] })).toBe('');
  });
});

describe('sweepAxes', () => {
  it('keeps only the compute settings that differ between points', () => {
    const p = (compute: Record<string, unknown>) => ({ compute: parseCompute(compute) }) as Parameters<typeof sweepAxes>[0][number];
    expect(sweepAxes([p({ samples: 4, reasoningEffort: 'low', revisions: 0 }), p({ samples: 4, reasoningEffort: 'high', revisions: 1 })])).toEqual(['revisions', 'reasoningEffort']);
  });
});
