import { CrucibleError, type Rng } from '@crucible/core';

/** What one procedural generator makes from a seeded stream and a difficulty. */
export interface GeneratedProblem {
  prompt: string;
  /** The reference answer, as a solver would write it. */
  reference: string;
  /** Three to five plausible wrong answers, none equivalent to the reference. */
  wrongAnswers: string[];
}

/** A procedural task family. */
export interface Generator {
  family: string;
  /** How answers to this family are usually written: `#### N` or `\boxed{}`. */
  style: 'gsm8k' | 'boxed';
  generate(rng: Rng, difficulty: number): GeneratedProblem;
}

/** Calls `attempt` until it returns a value; generators use it to reject draws that break a constraint. */
export function retry<T>(attempt: () => T | null, tries = 200): T {
  for (let i = 0; i < tries; i++) {
    const result = attempt();
    if (result !== null) return result;
  }
  throw new CrucibleError('env_error', `math generator found no valid draw in ${tries} tries`, {
    hint: 'this is a bug in the math environment generators; report the seed and family',
  });
}
