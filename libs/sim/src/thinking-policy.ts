import type { Rng } from '@crucible/core';
import { formatAnswer } from './answer-policy.js';
import {
  ANSWER_TOKENS,
  DIFFICULTY_TOKEN_BASE,
  DIFFICULTY_TOKEN_SLOPE,
  THINKING_REF_TOKENS,
  THINKING_SHIFT_MAX,
  THINKING_SHIFT_MIN,
  THINKING_SLOPE,
  THINKING_TOKENS,
  TOKEN_NOISE_SIGMA,
  WAIT_EXTENSION_SHARE,
} from './policy-constants.js';
import { simTokensOf } from './reasoning-text.js';
import { baseAccuracy, gaussian, wrongAnswerWeights, type Knobs } from './sampling.js';
import type { DraftChoice } from './sim-types.js';
import type { AnswerScript } from './task-script.js';


/** Where a prefill continuation stands: inside open thinking (e.g. after "Wait"), or after closed thinking. */
export interface PrefillState {
  thinkingTokens: number;
  closed: boolean;
}

/** Reads a prefill: tokens of thinking it holds and whether the thinking was closed. */
export function prefillState(prefill: string, open = '<think>', close = '</think>'): PrefillState {
  const start = prefill.indexOf(open);
  const from = start < 0 ? 0 : start + open.length;
  const end = prefill.indexOf(close, from);
  return { thinkingTokens: simTokensOf(prefill.slice(from, end < 0 ? undefined : end).trim()), closed: end >= 0 };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));

/** Success probability after thinking `tokens` tokens: more thinking helps, with diminishing returns. */
export function thinkingSuccessProbability(difficulty: number, tokens: number, knobs: Knobs): number {
  const shift = Math.min(THINKING_SHIFT_MAX, Math.max(THINKING_SHIFT_MIN, THINKING_SLOPE * Math.log2(Math.max(1, tokens) / THINKING_REF_TOKENS)));
  const t = knobs.temperature ?? 1;
  return sigmoid(logit(baseAccuracy(difficulty)) + shift - 0.6 * Math.max(0, t - 0.7));
}

/**
 * The sim playing a reasoning model on an answer task: it thinks for a natural length (by effort and
 * difficulty, log-normal noise), at most the thinking budget when the request names one; a prefill
 * continuation picks up where the prefill stands (closed thinking: answer now; open: think on, a
 * "Wait" making it think again). The answer is right with a probability that grows with the thinking done.
 */
export function thinkingAnswerChoice(hint: AnswerScript, knobs: Knobs, rng: Rng, ctx: { budget?: number; prefill?: PrefillState }): DraftChoice {
  const factor = DIFFICULTY_TOKEN_BASE + DIFFICULTY_TOKEN_SLOPE * hint.difficulty;
  const natural = Math.max(64, Math.round(THINKING_TOKENS[knobs.effort ?? 'medium'] * factor * Math.exp(TOKEN_NOISE_SIGMA * gaussian(rng))));
  let fresh: number;
  if (!ctx.prefill) fresh = Math.min(natural, ctx.budget ?? natural);
  else if (ctx.prefill.closed) fresh = 0;
  else {
    const left = natural - ctx.prefill.thinkingTokens;
    fresh = left > 0 ? left : Math.round(WAIT_EXTENSION_SHARE * natural);
    if (ctx.budget !== undefined) fresh = Math.min(fresh, Math.max(0, ctx.budget - ctx.prefill.thinkingTokens));
  }
  const thought = fresh + (ctx.prefill?.thinkingTokens ?? 0);
  const correct = rng.chance(thinkingSuccessProbability(hint.difficulty, thought, knobs));
  const answer = correct ? hint.answer : (hint.wrongAnswers[rng.weighted(wrongAnswerWeights(hint.wrongAnswers.length, knobs.temperature))] as string);
  const content = `[sim] after ${thought} thinking tokens:\n${formatAnswer(answer, hint.formats[0]!)}`;
  return {
    content,
    cutContent: '[sim] after thinking:',
    completionTokens: fresh + ANSWER_TOKENS,
    reasoningTokens: fresh,
    visibleReasoning: true,
    continuesThinking: ctx.prefill !== undefined && !ctx.prefill.closed,
  };
}
