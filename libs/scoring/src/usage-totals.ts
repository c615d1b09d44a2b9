import { type Usage, totalTokens } from '@crucible/core';
import type { UsageTotals } from './types.js';

/** Zeroed totals. */
export function emptyTotals(): UsageTotals {
  return { calls: 0, promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, totalTokens: 0 };
}

/** Adds a usage into totals in place. */
export function addToTotals(totals: UsageTotals, u: Usage): void {
  totals.calls += u.calls;
  totals.promptTokens += u.promptTokens;
  totals.completionTokens += u.completionTokens;
  totals.cachedTokens += u.cachedTokens;
  totals.reasoningTokens += u.reasoningTokens;
  totals.totalTokens += totalTokens(u);
}

/** Every counter divided by `n` (zeros when n is 0). */
export function divideTotals(totals: UsageTotals, n: number): UsageTotals {
  const out = emptyTotals();
  for (const key of Object.keys(out) as Array<keyof UsageTotals>) out[key] = n === 0 ? 0 : totals[key] / n;
  return out;
}
