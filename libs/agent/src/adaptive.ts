import type { SampleRecord } from '@crucible/core';
import { voteCounts } from './aggregate.js';

/** Settings of adaptive voting. */
export interface AdaptiveSettings {
  confidence: number;
  minSamples: number;
}

/**
 * Whether more samples can still change the vote. Stops when the leader cannot be overtaken by the samples
 * left, or when a one-sided sign test says the leader beats the runner-up at the set confidence
 * (P[X >= lead | X ~ Bin(lead + runnerUp, 1/2)] <= 1 - confidence).
 */
export function shouldStopVoting(samples: readonly SampleRecord[], remaining: number, settings: AdaptiveSettings): { stop: boolean; reason?: 'decided' | 'confident' } {
  if (samples.length < settings.minSamples) return { stop: false };
  const counts = [...voteCounts(samples).values()].map((c) => c.count).sort((a, b) => b - a);
  const lead = counts[0] ?? 0;
  const second = counts[1] ?? 0;
  if (lead === 0) return { stop: false };
  if (lead > second + remaining) return { stop: true, reason: 'decided' };
  if (signTestTail(lead, lead + second) <= 1 - settings.confidence) return { stop: true, reason: 'confident' };
  return { stop: false };
}

/** P[X >= k] for X ~ Binomial(n, 1/2), computed in log space so large n stays finite. */
export function signTestTail(k: number, n: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  let logC = 0; // log C(n, 0)
  let total = 0;
  const logHalfN = -n * Math.LN2;
  for (let i = 0; i <= n; i++) {
    if (i > 0) logC += Math.log(n - i + 1) - Math.log(i);
    if (i >= k) total += Math.exp(logC + logHalfN);
  }
  return Math.min(1, total);
}
