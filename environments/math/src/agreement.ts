import type { JsonlVerdict } from './grade.js';

/** How a grader's verdicts compare with expected ones, overall and by the rule that decided. */
export interface Agreement {
  /** Lines that carried an expected verdict. */
  labelled: number;
  agree: number;
  /** Graded equal, expected not equal. */
  falsePositives: number;
  /** Graded not equal, expected equal. */
  falseNegatives: number;
  /** agree / labelled (1 when nothing was labelled). */
  rate: number;
  byRule: Record<string, { agree: number; falsePositives: number; falseNegatives: number }>;
  /** Line numbers of the disagreements, in file order. */
  misses: number[];
}

/** Tallies verdicts against the expected `equal` their lines carried; unlabelled lines are skipped. */
export function tallyAgreement(verdicts: Iterable<JsonlVerdict>): Agreement {
  const a: Agreement = { labelled: 0, agree: 0, falsePositives: 0, falseNegatives: 0, rate: 1, byRule: {}, misses: [] };
  for (const v of verdicts) {
    if (v.expected === undefined) continue;
    a.labelled++;
    const row = (a.byRule[v.rule] ??= { agree: 0, falsePositives: 0, falseNegatives: 0 });
    if (v.equal === v.expected) {
      a.agree++;
      row.agree++;
      continue;
    }
    a.misses.push(v.line);
    if (v.equal) {
      a.falsePositives++;
      row.falsePositives++;
    } else {
      a.falseNegatives++;
      row.falseNegatives++;
    }
  }
  a.rate = a.labelled === 0 ? 1 : a.agree / a.labelled;
  return a;
}

/** The agreement as a few human-readable lines (overall, then one line per rule). */
export function formatAgreement(a: Agreement): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [`agreement: ${a.agree}/${a.labelled} (${pct(a.rate)}), false positives ${a.falsePositives}, false negatives ${a.falseNegatives}`];
  for (const [rule, r] of Object.entries(a.byRule).sort(([x], [y]) => x.localeCompare(y))) {
    lines.push(`  ${rule.padEnd(18)} agree ${r.agree}, false positives ${r.falsePositives}, false negatives ${r.falseNegatives}`);
  }
  if (a.misses.length > 0) lines.push(`  disagreeing lines: ${a.misses.slice(0, 50).join(', ')}${a.misses.length > 50 ? ', ...' : ''}`);
  return lines.join('\n');
}
