import type { Compute, SampleRecord, Score } from '@crucible/core';

/** The aggregated verdict and which sample stands for it. */
export interface Aggregated {
  score: Score;
  /** Index into the samples array of the sample whose answer won. */
  chosen: number;
}

/**
 * Vote counts per normalised answer (`score.answer`), not raw text, in first-seen order: how many samples
 * gave it, how many of those passed, and the index of the first. Samples with no answer abstain.
 */
export function voteCounts(samples: readonly SampleRecord[]): Map<string, { count: number; passed: number; first: number }> {
  const counts = new Map<string, { count: number; passed: number; first: number }>();
  samples.forEach((s, i) => {
    const answer = s.score.answer;
    if (answer === undefined || answer === '') return;
    const entry = counts.get(answer) ?? { count: 0, passed: 0, first: i };
    entry.count++;
    if (s.score.passed) entry.passed++;
    counts.set(answer, entry);
  });
  return counts;
}

/**
 * Majority vote. The one rule Crucible uses for a vote, here and in scoring's maj@k: the answer with the most
 * votes wins; a tie among leaders is scored as the expected value of a uniformly random pick among them, that is
 * the mean over the tied answers of their pass fraction. So a 4-4 split between a right and a wrong answer scores
 * 0.5 (and `passed` is true only when every tied answer passes). The sample shown for the vote is the tied
 * answer seen first. A pool where every sample abstains scores 0.
 */
function byVote(samples: readonly SampleRecord[]): Aggregated {
  const counts = [...voteCounts(samples).entries()];
  const top = Math.max(0, ...counts.map(([, c]) => c.count));
  const leaders = counts.filter(([, c]) => c.count === top);
  if (leaders.length === 0) {
    const s = samples[0]!.score;
    return { score: withAggregate({ ...s, value: 0, passed: false }, 'vote', samples.length, 0), chosen: 0 };
  }
  const [, first] = leaders[0]!;
  const base = samples[first.first]!.score;
  if (leaders.length === 1) return { score: withAggregate(base, 'vote', samples.length, first.count), chosen: first.first };
  const value = leaders.reduce((sum, [, c]) => sum + c.passed / c.count, 0) / leaders.length;
  const tie = { ...base, value, passed: leaders.every(([, c]) => c.passed === c.count), details: { ...base.details, tiedAnswers: leaders.map(([a]) => a) } };
  return { score: withAggregate(tie, 'vote', samples.length, first.count), chosen: first.first };
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
export function aggregate(samples: readonly SampleRecord[], method: Compute['strategy']['aggregate']): Aggregated {
  if (samples.length === 0) throw new RangeError('aggregate: no samples');
  if (samples.length === 1 || method === 'first') return { score: withAggregate(samples[0]!.score, method, samples.length), chosen: 0 };
  return method === 'vote' ? byVote(samples) : byBest(samples);
}
