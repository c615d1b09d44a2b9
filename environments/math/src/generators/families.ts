import { arithmetic } from './arithmetic.js';
import { fractions } from './fractions.js';
import type { Generator } from './generator.js';
import { linearEquation } from './linear-equation.js';
import { wordProblem } from './word-problem.js';

/** The procedural task families, in the order tasks cycle through them. */
export const FAMILY_NAMES = ['arithmetic', 'linear-equation', 'fractions', 'word-problem'] as const;

/** A procedural family name. */
export type FamilyName = (typeof FAMILY_NAMES)[number];

/** Generators by family name. */
export const GENERATORS: Record<FamilyName, Generator> = {
  arithmetic,
  'linear-equation': linearEquation,
  fractions,
  'word-problem': wordProblem,
};
