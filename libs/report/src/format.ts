/** Formats a 0..1 value as a percentage with one decimal; `n/a` when there is nothing to measure (no scored episode). */
export function pct(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  return `${(x * 100).toFixed(1)}%`;
}

/** Formats a count compactly: 1234 -> 1,234; 1.5e6 -> 1.50M. */
export function count(n: number): string {
  if (Math.abs(n) >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  return Math.round(n).toLocaleString('en-US');
}

/** Formats milliseconds as seconds. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** Formats dollars, or `n/a` when unknown. */
export function usd(x: number | null): string {
  if (x === null) return 'n/a';
  return x < 0.01 ? `$${x.toFixed(5)}` : `$${x.toFixed(2)}`;
}

/** Renders rows as a plain-text table with aligned columns (numbers right-aligned). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const isNum = header.map((_, i) => rows.every((r) => /^[-$\d.,%±\s()kMsn/a[\]]*$/.test(r[i] ?? '')));
  const line = (cells: string[]) => cells.map((c, i) => (isNum[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Renders rows as a Markdown (GitHub) table; cells are written as given. */
export function mdTable(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The errors cell of a results table: the count and, when any, the rate over all episodes. */
export function errorsCell(p: { errors: number; errorRate: number }): string {
  return p.errors === 0 ? '0' : `${p.errors} (${pct(p.errorRate)})`;
}
