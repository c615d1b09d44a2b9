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
  for (const s of samples) if (!addVote(byAnswer, s.answer, s.passed)) abstain++;
  return { groups: [...byAnswer.values()], abstain };
}

/** Counts one vote into its answer's group; false (nothing counted) for an abstention. */
export function addVote(byAnswer: Map<string, SampleGroup>, answer: string | undefined, passed: boolean): boolean {
  if (answer === undefined || answer === '') return false;
  let g = byAnswer.get(answer);
  if (!g) byAnswer.set(answer, (g = { count: 0, passed: 0 }));
  g.count++;
  if (passed) g.passed++;
  return true;
}
