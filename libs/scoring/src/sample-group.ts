/** Samples that share an answer (for voting) or a verify value (for best-of): how many, and how many passed. */
export interface SampleGroup {
  count: number;
  passed: number;
}

/** Samples grouped by normalised answer; samples without one (undefined or empty) are abstentions. */
export interface VoteGroups {
  groups: SampleGroup[];
  abstain: number;
}

/** Groups samples by answer, in first-seen order. */
export function voteGroups(samples: Iterable<{ answer?: string; passed: boolean }>): VoteGroups {
  const byAnswer = new Map<string, SampleGroup>();
  let abstain = 0;
  for (const s of samples) {
    if (s.answer === undefined || s.answer === '') {
      abstain++;
      continue;
    }
    let g = byAnswer.get(s.answer);
    if (!g) byAnswer.set(s.answer, (g = { count: 0, passed: 0 }));
    g.count++;
    if (s.passed) g.passed++;
  }
  return { groups: [...byAnswer.values()], abstain };
}
