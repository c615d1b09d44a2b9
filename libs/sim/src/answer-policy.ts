import type { Rng } from '@crucible/core';
import { drawCompletionTokens, successProbability, wrongAnswerWeights, type Knobs } from './sampling.js';
import type { DraftChoice } from './sim-types.js';
import type { AnswerScript } from './task-script.js';

const STEPS = [
  'restate what is given',
  'name the unknown',
  'set up the relation between the quantities',
  'work through the arithmetic',
  'check the units',
  'double-check the last step',
];

/** The final answer line: the script's format with the answer in place of `{answer}`. */
export function formatAnswer(answer: string, format: string): string {
  return format.replace('{answer}', () => answer);
}

/**
 * One sampled solution of an answer task: right with the success probability of the request's knobs,
 * else one of the script's wrong answers (Zipf-weighted, so wrong answers collide across samples).
 */
export function answerChoice(hint: AnswerScript, knobs: Knobs, rng: Rng): DraftChoice {
  const correct = rng.chance(successProbability(hint.difficulty, knobs));
  const answer = correct ? hint.answer : (hint.wrongAnswers[rng.weighted(wrongAnswerWeights(hint.wrongAnswers.length, knobs.temperature))] as string);
  const steps = Array.from({ length: rng.int(1, 4) }, (_, i) => `[sim] step ${i + 1}: ${rng.pick(STEPS)}.`);
  const format = hint.formats.length === 1 ? hint.formats[0]! : rng.pick(hint.formats);
  const tokens = drawCompletionTokens(rng, hint.difficulty, knobs.effort);
  return {
    content: [...steps, formatAnswer(answer, format)].join('\n'),
    cutContent: steps.join('\n'),
    completionTokens: tokens.completion,
    reasoningTokens: tokens.reasoning,
  };
}

/** The reply to a request whose task key has no script: plain text, or an empty `submit` call when one is offered. */
export function unknownTaskChoice(offersSubmit: boolean, callId: string): DraftChoice {
  const content = '[sim] no task script registered for this request';
  return {
    content,
    cutContent: content,
    toolCalls: offersSubmit ? [{ id: callId, name: 'submit', arguments: '{}' }] : undefined,
    completionTokens: 12,
    reasoningTokens: 0,
  };
}
