import type { Rng } from '@crucible/core';
import {
  BASE_ACCURACY,
  COMPLETION_TOKENS,
  DEFAULT_TEMPERATURE,
  DIFFICULTY_TOKEN_BASE,
  DIFFICULTY_TOKEN_SLOPE,
  EFFORT_SHIFT,
  REASONING_SHARE,
  TEMPERATURE_KNEE,
  TEMPERATURE_SLOPE,
  TOKEN_NOISE_SIGMA,
  ZIPF_MIN_T,
  ZIPF_SCALE,
} from './policy-constants.js';

/** Effort as the sim reads it from a request. */
export type Effort = keyof typeof EFFORT_SHIFT;

/** The knobs of a request that move the policy. */
export interface Knobs {
  effort?: Effort;
  temperature?: number;
}

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Base accuracy at a difficulty in [1, 5], interpolated linearly between the integer levels. */
export function baseAccuracy(difficulty: number): number {
  const d = Math.min(5, Math.max(1, difficulty)) - 1;
  const lo = Math.floor(d);
  const hi = Math.min(4, lo + 1);
  const t = d - lo;
  return (BASE_ACCURACY[lo] as number) * (1 - t) + (BASE_ACCURACY[hi] as number) * t;
}

/** Per-sample success probability: sigmoid(logit(base) + effort shift + temperature shift). */
export function successProbability(difficulty: number, knobs: Knobs): number {
  const t = knobs.temperature ?? DEFAULT_TEMPERATURE;
  const shift = EFFORT_SHIFT[knobs.effort ?? 'medium'] - TEMPERATURE_SLOPE * Math.max(0, t - TEMPERATURE_KNEE);
  return sigmoid(logit(baseAccuracy(difficulty)) + shift);
}

/** Zipf-like weights for `count` wrong answers, flatter as temperature rises. */
export function wrongAnswerWeights(count: number, temperature = DEFAULT_TEMPERATURE): number[] {
  const s = ZIPF_SCALE / Math.max(temperature, ZIPF_MIN_T);
  return Array.from({ length: count }, (_, i) => 1 / (i + 1) ** s);
}

/** A standard normal draw (Box-Muller). */
export function gaussian(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Completion and reasoning tokens one choice would spend, before any max_completion_tokens cut. */
export function drawCompletionTokens(rng: Rng, difficulty: number, effort: Effort | undefined): { completion: number; reasoning: number } {
  const factor = DIFFICULTY_TOKEN_BASE + DIFFICULTY_TOKEN_SLOPE * difficulty;
  const completion = Math.max(8, Math.round(COMPLETION_TOKENS[effort ?? 'medium'] * factor * Math.exp(TOKEN_NOISE_SIGMA * gaussian(rng))));
  const reasoning = effort ? Math.round(REASONING_SHARE * completion) : 0;
  return { completion, reasoning };
}
