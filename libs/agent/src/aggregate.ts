import type { Compute, SampleRecord, Score } from '@crucible/core';

/** The aggregated verdict and which sample stands for it. */
export interface Aggregated {
  score: Score;
  /** Index into the samples array of the sample whose answer won. */
  chosen: number;
}

/**
 * Majority vote over the normalised answers (`score.answer`), not raw text. Samples with no answer abstain.
 * Ties go to the answer that appeared first, so the outcome is deterministic for a given pool.
 */
export function voteCounts(samples: readonly SampleRecord[]): Map<string, { count: number; first: number }> {
  const counts = new Map<string, { count: number; first: number }>();
  samples.forEach((s, i) => {
    const answer = s.score.answer;
    if (answer === undefined || answer === '') return;
    const entry = counts.get(answer);
    if (entry) entry.count++;
    else counts.set(answer, { count: 1, first: i });
  });
  return counts;
}

function byVote(samples: readonly SampleRecord[]): Aggregated {
  let best: { answer: string; count: number; first: number } | undefined;
  for (const [answer, { count, first }] of voteCounts(samples)) {
    if (!best || count > best.count || (count === best.count && first < best.first)) best = { answer, count, first };
  }
  if (!best) return { score: withAggregate(samples[0]!.score, 'vote', samples.length, 0), chosen: 0 };
  return { score: withAggregate(samples[best.first]!.score, 'vote', samples.length, best.count), chosen: best.first };
}

/** Highest verify() value wins; samples without one rank last; ties go to the lower index. */
function byBest(samples: readonly SampleRecord[]): Aggregated {
  let chosen = 0;
  samples.forEach((s, i) => {
    const v = s.verify?.value ?? -Infinity;
    const w = samples[chosen]!.verify?.value ?? -Infinity;
    if (v > w) chosen = i;
  });
  return { score: withAggregate(samples[chosen]!.score, 'best', samples.length), chosen };
}

function withAggregate(score: Score, method: string, n: number, votes?: number): Score {
  return { ...score, details: { ...score.details, aggregate: method, samples: n, ...(votes !== undefined ? { votes } : {}) } };
}

/** Combines N samples into one verdict by the configured method. */
export function aggregate(samples: readonly SampleRecord[], method: Compute['aggregate']): Aggregated {
  if (samples.length === 0) throw new RangeError('aggregate: no samples');
  if (samples.length === 1 || method === 'first') return { score: withAggregate(samples[0]!.score, method, samples.length), chosen: 0 };
  return method === 'vote' ? byVote(samples) : byBest(samples);
}
