import type { Rng } from '@crucible/core';
import type { Rational } from '../../rational.js';

/** One drawn word problem: its text, the answer and the values of typical mistakes. */
export interface WordDraw {
  prompt: string;
  answer: Rational;
  mistakes: Rational[];
}

/** A word-problem template; returns null to ask for another draw. */
export type WordTemplate = (rng: Rng, difficulty: number) => WordDraw | null;

const NAMES = ['Maya', 'Liam', 'Aisha', 'Noah', 'Sofia', 'Kenji', 'Elena', 'Omar', 'Priya', 'Lucas', 'Zoe', 'Mateo'];

/** Two different first names. */
export function twoNames(rng: Rng): [string, string] {
  const [a, b] = rng.shuffle(NAMES);
  return [a as string, b as string];
}

/** Dollars as written in a word problem: `$4` or `$4.50`. */
export function money(value: Rational): string {
  return value.isInteger() ? `$${value.toString()}` : `$${value.toNumber().toFixed(2)}`;
}
