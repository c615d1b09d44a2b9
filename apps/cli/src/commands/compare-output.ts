import type { GateVerdict, MetricDelta, PairedComparison, SettingComparison } from '@crucible/scoring';
import { TEST_DOUBLE_NOTICE, mdTable, pct, table } from '@crucible/report';
import type { LoadedRun } from './compare-load.js';

/** Flipped task ids listed per direction before "and N more". */
const FLIP_LIST = 50;

/** A rate, or n/a when nothing was compared. */
function rate(x: number): string {
  return Number.isNaN(x) ? 'n/a' : pct(x);
}

/** A signed difference in percentage points. */
function points(x: number): string {
  if (Number.isNaN(x)) return 'n/a';
  const v = x * 100;
  return `${v > 0 ? '+' : ''}${v.toFixed(1)}`;
}

function ci(m: MetricDelta): string {
  return `[${points(m.diff.low)}, ${points(m.diff.high)}]`;
}

function pValue(p: number): string {
  return p >= 0.001 ? p.toFixed(4) : p.toExponential(2);
}

/** The metric rows of a setting: accuracy with McNemar's p, then pass@k and maj@k when there were several samples. */
function rows(s: SettingComparison): Array<{ metric: MetricDelta; p?: number }> {
  const out: Array<{ metric: MetricDelta; p?: number }> = [{ metric: s.accuracy, p: s.mcnemar.pValue }];
  if (s.kMax > 1) for (const m of s.kMetrics) out.push({ metric: m });
  return out;
}

function settingName(s: SettingComparison): string {
  return s.base === s.new ? s.new : `${s.base} -> ${s.new}`;
}

function notes(cmp: PairedComparison): string[] {
  const out: string[] = [];
  if (cmp.tasks.onlyBase || cmp.tasks.onlyNew) out.push(`intersection: ${cmp.tasks.shared} shared tasks compared; ${cmp.tasks.onlyBase} only in BASE and ${cmp.tasks.onlyNew} only in NEW left out`);
  for (const s of cmp.settings) {
    const e = s.excluded;
    if (e.pairs > 0) out.push(`${settingName(s)}: ${e.pairs} pairs excluded from both sides because of infra errors (${e.baseErrors} error episodes in BASE, ${e.newErrors} in NEW); errors are not scored as wrong answers`);
    if (s.base !== s.new) out.push(`the settings differ (BASE "${s.base}", NEW "${s.new}"): each run has one, so they are paired`);
  }
  if (cmp.unmatched.base.length) out.push(`not compared, only in BASE: ${cmp.unmatched.base.join(', ')}`);
  if (cmp.unmatched.new.length) out.push(`not compared, only in NEW: ${cmp.unmatched.new.join(', ')}`);
  return out;
}

/** One line per reason the gate failed, or the line saying it passed. */
function verdictLines(v: GateVerdict): string[] {
  const unconfirmed = v.unconfirmed.map((u) => `note: ${u.setting}: accuracy dropped ${(u.drop * 100).toFixed(1)} points, not significant (McNemar p = ${pValue(u.pValue)} >= --alpha ${v.alpha}); more tasks would tell`);
  if (v.pass) return [...unconfirmed, `PASS: no setting dropped by more than ${(v.maxDrop * 100).toFixed(1)} points with McNemar p < ${v.alpha}, and every floor is met`];
  return [
    ...unconfirmed,
    ...v.empty.map((s) => `FAIL: ${s}: no pair could be compared (every pair has an infra error); rerun the run's error episodes (same --run-id) and compare again`),
    ...v.regressions.map((r) => `FAIL: ${r.setting}: accuracy dropped ${(r.drop * 100).toFixed(1)} points (more than --max-drop ${(v.maxDrop * 100).toFixed(1)}), McNemar p = ${pValue(r.pValue)} < --alpha ${v.alpha}`),
    ...v.floorFailures.map((f) => `FAIL: ${f.setting}: ${f.metric} ${pct(f.value)} is below the floor ${pct(f.floor)}`),
  ];
}

function flipList(ids: string[], code: (s: string) => string): string {
  const shown = ids.slice(0, FLIP_LIST).map(code).join(', ');
  return ids.length > FLIP_LIST ? `${shown} and ${ids.length - FLIP_LIST} more` : shown || '(none)';
}

function header(base: LoadedRun, next: LoadedRun): string {
  return `BASE ${base.dir} (run ${base.runId}, model ${base.model})  vs  NEW ${next.dir} (run ${next.runId}, model ${next.model}), environment ${next.identity.env}`;
}

/** The console report of a comparison. */
export function renderCompareConsole(cmp: PairedComparison, verdict: GateVerdict, base: LoadedRun, next: LoadedRun): string {
  const out: string[] = [];
  if (cmp.testDouble) out.push(TEST_DOUBLE_NOTICE, '');
  out.push(header(base, next), '');
  const body = cmp.settings.flatMap((s) =>
    rows(s).map(({ metric, p }, i) => [i === 0 ? settingName(s) : '', i === 0 ? String(s.tasks) : '', metric.metric, rate(metric.base), rate(metric.new), points(metric.diff.mean), ci(metric), p === undefined ? '' : pValue(p)]),
  );
  out.push(table(['setting', 'tasks', 'metric', 'BASE', 'NEW', 'delta (pts)', '95% CI (pts)', 'McNemar p'], body), '');
  for (const s of cmp.settings) {
    out.push(`${settingName(s)}: ${s.flips.passToFail.length} pass -> fail, ${s.flips.failToPass.length} fail -> pass (of ${s.pairs} pairs)`);
    if (s.flips.passToFail.length) out.push(`  pass -> fail: ${flipList(s.flips.passToFail, (x) => x)}`);
    if (s.flips.failToPass.length) out.push(`  fail -> pass: ${flipList(s.flips.failToPass, (x) => x)}`);
  }
  for (const n of notes(cmp)) out.push(`note: ${n}`);
  out.push(`bootstrap: ${cmp.bootstrap.resamples} resamples of tasks, seed ${cmp.bootstrap.seed}, ${cmp.bootstrap.confidence * 100}% intervals`, ...verdictLines(verdict));
  return out.join('\n');
}

/** The Markdown report: a pull-request comment or a GitHub job summary (`$GITHUB_STEP_SUMMARY`). */
export function renderCompareMarkdown(cmp: PairedComparison, verdict: GateVerdict, base: LoadedRun, next: LoadedRun): string {
  const out = [`## Crucible compare: ${next.identity.env} ${verdict.pass ? '- pass' : '- REGRESSION'}`, ''];
  if (cmp.testDouble) out.push(`> ${TEST_DOUBLE_NOTICE}`, '');
  out.push(`BASE \`${base.dir}\` (run \`${base.runId}\`, model \`${base.model}\`) vs NEW \`${next.dir}\` (run \`${next.runId}\`, model \`${next.model}\`); ${cmp.tasks.shared} tasks.`, '');
  const body = cmp.settings.flatMap((s) =>
    rows(s).map(({ metric, p }, i) => [i === 0 ? `\`${settingName(s)}\`` : '', metric.metric, rate(metric.base), rate(metric.new), `**${points(metric.diff.mean)}**`, ci(metric), p === undefined ? '' : pValue(p)]),
  );
  out.push(mdTable(['setting', 'metric', 'BASE', 'NEW', 'delta (pts)', '95% CI (pts)', 'McNemar p'], body), '');
  out.push(...verdictLines(verdict).map((l) => `- ${l.replace(/^(PASS|FAIL|note):/, '**$1**:')}`), '');
  for (const s of cmp.settings) {
    out.push(`<details><summary>${settingName(s)}: ${s.flips.passToFail.length} pass → fail, ${s.flips.failToPass.length} fail → pass (of ${s.pairs} pairs)</summary>`, '');
    out.push(`- pass → fail: ${flipList(s.flips.passToFail, (x) => `\`${x}\``)}`, `- fail → pass: ${flipList(s.flips.failToPass, (x) => `\`${x}\``)}`, '', '</details>', '');
  }
  for (const n of notes(cmp)) out.push(`> note: ${n}`, '');
  out.push(`<sub>Paired by task; deltas are NEW - BASE in percentage points with ${cmp.bootstrap.confidence * 100}% paired bootstrap intervals over tasks (${cmp.bootstrap.resamples} resamples, seed ${cmp.bootstrap.seed}); McNemar's exact test on the flipped tasks.</sub>`, '');
  return out.join('\n');
}
