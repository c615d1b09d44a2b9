import type { Rng, SimHint } from '@crucible/core';
import { drawCompletionTokens, successProbability, wrongAnswerWeights, type Knobs } from './sampling.js';
import type { DraftChoice } from './sim-types.js';

type AnswerHint = Extract<SimHint, { kind: 'answer' }>;
type Style = NonNullable<AnswerHint['style']>;

const STYLES: readonly Style[] = ['gsm8k', 'boxed', 'prose'];
const STEPS = [
  'restate what is given',
  'name the unknown',
  'set up the relation between the quantities',
  'work through the arithmetic',
  'check the units',
  'double-check the last step',
];

/** The final answer line in a style. */
export function formatAnswer(answer: string, style: Style): string {
  if (style === 'gsm8k') return `#### ${answer}`;
  if (style === 'boxed') return `\\boxed{${answer}}`;
  return `The answer is ${answer}.`;
}

/**
 * One sampled solution of an answer task: right with the success probability of the request's knobs,
 * else one of the hint's wrong answers (Zipf-weighted, so wrong answers collide across samples).
 */
export function answerChoice(hint: AnswerHint, knobs: Knobs, rng: Rng): DraftChoice {
  const correct = rng.chance(successProbability(hint.difficulty, knobs));
  const answer = correct ? hint.answer : (hint.wrongAnswers[rng.weighted(wrongAnswerWeights(hint.wrongAnswers.length, knobs.temperature))] as string);
  const steps = Array.from({ length: rng.int(1, 4) }, (_, i) => `[sim] step ${i + 1}: ${rng.pick(STEPS)}.`);
  const style = hint.style ?? rng.pick(STYLES);
  const tokens = drawCompletionTokens(rng, hint.difficulty, knobs.effort);
  return {
    content: [...steps, formatAnswer(answer, style)].join('\n'),
    cutContent: steps.join('\n'),
    completionTokens: tokens.completion,
    reasoningTokens: tokens.reasoning,
  };
}

/** The reply to a request whose task key has no hint: plain text, or an empty `submit` call when one is offered. */
export function unknownTaskChoice(offersSubmit: boolean, callId: string): DraftChoice {
  const content = '[sim] no task hint registered for this request';
  return {
    content,
    cutContent: content,
    toolCalls: offersSubmit ? [{ id: callId, name: 'submit', arguments: '{}' }] : undefined,
    completionTokens: 12,
    reasoningTokens: 0,
  };
}
