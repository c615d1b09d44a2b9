import { CHARS_PER_TOKEN } from './policy-constants.js';

// 32 characters = 8 tokens at the sim's 4 characters per token, so text length and token counts agree.
const PHRASE = '[sim] thinking through the task.';

/** Sim reasoning text of exactly `tokens` tokens (4 characters each); it says it is the sim. */
export function simReasoningText(tokens: number): string {
  const chars = Math.max(0, tokens) * CHARS_PER_TOKEN;
  return PHRASE.repeat(Math.ceil(chars / PHRASE.length)).slice(0, chars);
}

/** Tokens of a text by the sim's count. */
export function simTokensOf(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}
