import { lastBoxed } from './boxed.js';

/** Which rule found the final answer in a model's output, strongest first. */
export type ExtractionRule = 'gsm8k-marker' | 'boxed' | 'answer-phrase' | 'last-number';

/** A final answer found in a model's output. */
export interface Extraction {
  answer: string;
  rule: ExtractionRule;
}

const SIM_MARKER = /^\s*\[sim\]\s*/i;
const GSM8K_MARKER = /####\s*([^\n]*)/g;
const ANSWER_PHRASE = /\b(?:final\s+answer|the\s+answer|answer)\s*(?:is\s*:?|:|=)[ \t]*([^\n]*)/gi;
// A minus only when it is not a hyphen between words or numbers; thousands groups before plain digits.
const NUMBER = /(?:(?<![\w)])-)?\$?(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?(?:\s*\/\s*\d+)?|(?:(?<![\w)])-)?\.\d+/g;

/**
 * The final answer in a model's output, by the first rule that applies:
 * the last `#### N`, the last `\boxed{}`/`\fbox{}`, the last "the answer is ..."/"final answer: ...",
 * else the last number. A leading `[sim]` marker is ignored. Null when nothing looks like an answer.
 */
export function extractAnswer(output: string): Extraction | null {
  const text = output.replace(SIM_MARKER, '');
  const marker = lastMatch(text, GSM8K_MARKER, (m) => tidy(m[1] ?? ''));
  if (marker) return { answer: marker, rule: 'gsm8k-marker' };
  const boxed = lastBoxed(text);
  if (boxed) return { answer: boxed, rule: 'boxed' };
  const phrase = lastMatch(text, ANSWER_PHRASE, (m) => tidy(firstSentence(m[1] ?? '')));
  if (phrase) return { answer: phrase, rule: 'answer-phrase' };
  const number = lastMatch(text, NUMBER, (m) => m[0].replace('$', ''));
  if (number) return { answer: number, rule: 'last-number' };
  return null;
}

function lastMatch(text: string, pattern: RegExp, pick: (m: RegExpExecArray) => string): string | null {
  let found: string | null = null;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const value = pick(m);
    if (value !== '') found = value;
  }
  return found;
}

// "The answer is 42. Let me check." -> "42"; a dot inside a number ("3.5") does not end the sentence.
function firstSentence(text: string): string {
  const end = /[.!?](?:\s|$)/.exec(text);
  return end ? text.slice(0, end.index) : text;
}

function tidy(text: string): string {
  return text
    .trim()
    .replace(/^[*_`\s]+|[*_`\s]+$/g, '')
    .replace(/[.,;!]+$/, '')
    .trim();
}
