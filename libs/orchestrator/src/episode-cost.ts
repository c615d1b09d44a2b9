import { costOf, emptyUsage, totalTokens, type EpisodeRecord, type Price, type Usage } from '@crucible/core';

/** The price of each role's tokens; a role without one is unpriced. */
export interface RolePrices {
  policy?: Price;
  judge?: Price;
}

/** The judge's usage of an episode, when the agent kept it apart from the policy's. */
export function judgeUsageOf(record: EpisodeRecord): Usage | undefined {
  return (record as { judgeUsage?: Usage }).judgeUsage;
}

/** Tokens an episode spent, policy and judge together (what token budgets count). */
export function episodeTokens(record: EpisodeRecord): number {
  const judge = judgeUsageOf(record);
  return totalTokens(record.usage) + (judge ? totalTokens(judge) : 0);
}

/**
 * Prices a record per role: the policy's `usage` at the policy price, `judgeUsage` at the judge's, so a judge
 * never bends the policy's cost curve. A role is null when it is unpriced (an unused judge costs 0);
 * `costUsd` is the total, null when any part is unknown.
 */
export function priceRecord(record: EpisodeRecord, prices: RolePrices): EpisodeRecord {
  const judgeUsage = judgeUsageOf(record);
  const policy = prices.policy ? costOf(record.usage, prices.policy) : null;
  const judge = prices.judge ? costOf(judgeUsage ?? emptyUsage(), prices.judge) : judgeUsage && judgeUsage.calls > 0 ? null : 0;
  const costUsd = policy === null || judge === null ? null : policy + judge;
  return { ...record, cost: { policy, judge }, costUsd };
}
