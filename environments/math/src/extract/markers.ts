import type { Found } from './boxed.js';
import { allMathSpans } from './math-span.js';

const GSM8K_MARKER = /####\s*([^\n]*)/g;
// "The final answer is", "Final Answer:", "the answer is", "Answer:", "answer =", also in bold (**Answer:**).
const ANSWER_PHRASE = /\b(?:final\s+answer|the\s+answer|answer)(?:\s+is)?\s*(?:\*\*)?\s*(?::|=|\bis\b|(?<=\bis))[ \t]*(?:\*\*)?[ \t]*([^\n]*)/gi;
const HOPE = /\s*I hope it is correct\.?\s*$/i;

/** Every `#### answer` (GSM8K's final-answer line), in order. */
export function gsm8kMarkers(text: string): Found[] {
  return matches(text, GSM8K_MARKER, (m) => tidy(m[1] ?? ''));
}

/**
 * Every "the answer is ...", "final answer: ...", "Answer: ..." in order. The answer is the first math
 * span after the phrase (`The final answer is $\frac13$. I hope it is correct.`, Minerva's format),
 * else the rest of the sentence.
 */
export function answerPhrases(text: string): Found[] {
  return matches(text, ANSWER_PHRASE, (m) => {
    // "Final Answer: The final answer is $x$." (Minerva's format) names the answer twice.
    const rest = (m[1] ?? '').replace(HOPE, '').replace(/^(?:the\s+)?final\s+answer\s+is\s*:?\s*/i, '');
    const span = allMathSpans(rest)[0];
    if (span && rest.slice(0, span.index).trim().length <= 2) return tidy(span.answer);
    const sentence = tidy(firstSentence(rest));
    // "the answer is that we need more data" is prose, not an answer: no digit, no maths, more than a few words.
    return /[\d\\$]/.test(sentence) || sentence.split(/\s+/).length <= 4 ? sentence : '';
  });
}

function matches(text: string, pattern: RegExp, pick: (m: RegExpExecArray) => string): Found[] {
  const found: Found[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const answer = pick(m);
    if (answer !== '') found.push({ answer, index: m.index });
    // Scan on from the start of the captured answer: "Answer: 1+2 = 3. The answer is 3." has a second phrase in it.
    pattern.lastIndex = m.index + m[0].length - (m[1] ?? '').length;
    if (pattern.lastIndex <= m.index) pattern.lastIndex = m.index + 1;
  }
  return found;
}

// "The answer is 42. Let me check." -> "42"; a dot inside a number ("3.5") does not end the sentence.
function firstSentence(text: string): string {
  const end = /[.!?](?:\s|$)/.exec(text);
  return end ? text.slice(0, end.index) : text;
}

/** Trims markdown emphasis, spaces and trailing punctuation around an extracted answer. */
export function tidy(text: string): string {
  return text
    .trim()
    .replace(/^[*_`\s]+|[*_`\s]+$/g, '')
    .replace(/[.,;!]+$/, '')
    .trim();
}
