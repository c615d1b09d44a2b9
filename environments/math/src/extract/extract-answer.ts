import { allBoxed, type Found } from './boxed.js';
import { finalValue } from './final-value.js';
import { bareAnswer } from './bare-answer.js';
import { choiceLetters } from './choice-letter.js';
import { splitTopLevel } from '../equivalence/structure.js';
import { answerNumbers } from './last-number.js';
import { answerPhrases, gsm8kMarkers } from './markers.js';
import { allMathSpans } from './math-span.js';

/** Which rule found the final answer in a model's output, strongest first. */
export type ExtractionRule = 'boxed' | 'gsm8k-marker' | 'answer-phrase' | 'bare' | 'choice-letter' | 'math-span' | 'last-number';

/** A final answer found in a model's output. */
export interface Extraction {
  /** The answer: the right-hand side of an assignment (`k = \frac13` -> `\frac13`), the exact value before `\approx`. */
  answer: string;
  /** The answer as written, before taking the right-hand side (kept for references that are equations). */
  written: string;
  rule: ExtractionRule;
  /** `high` for an explicit marker, `medium` for the last math span, `low` for a bare number in prose. */
  confidence: 'high' | 'medium' | 'low';
  /** Other, different candidates were found by the same rule (several different boxes, several numbers). */
  ambiguous: boolean;
}

/** What the reference looks like, where it changes what to extract. */
export interface ExtractOptions {
  /** How many parts the reference answer has (`1, 3` has 2): with several boxes, all of them are the answer. */
  goldParts?: number;
  /** The reference is a multiple-choice letter (`(C)`): a letter in prose (`the correct option is (C)`) is an answer. */
  goldIsChoice?: boolean;
}

/** Model outputs longer than this are read from their tail only: the final answer is at the end. */
export const MAX_OUTPUT_CHARS = 20_000;
const SIM_MARKER = /^\s*\[sim\]\s*/i;

/**
 * The final answer in a model's output, by the first rule that applies:
 * 1. an explicit final-answer marker: the last `\boxed{}`/`\fbox{}` or `#### N`, whichever comes last
 *    (all different boxes, joined, when the reference has several parts and the last box holds fewer);
 * 2. the last "the final answer is" / "the answer is" / "answer:" phrase;
 * 3. the whole output when it is a bare answer, not prose (`5 \geq x`, `1,22`, `odd`);
 *    then, only when the reference is a choice letter, the last letter named in prose (`option (C)`);
 * 4. the last math span (`$...$`, `$$...$$`, `\(...\)`, `\[...\]`, `align*`);
 * 5. the last plain-text number that is not part of a word.
 * A leading `[sim]` marker is ignored, and so is a reasoning block (`<think>...</think>`) with text after it. Null when nothing looks like an answer.
 */
export function extractAnswer(output: string, options: ExtractOptions = {}): Extraction | null {
  let text = withoutContinuation(plainMarkdown(afterReasoning(output.replace(SIM_MARKER, ''))));
  if (text.length > MAX_OUTPUT_CHARS) text = text.slice(-MAX_OUTPUT_CHARS);
  const boxes = allBoxed(text);
  const markers = gsm8kMarkers(text);
  const lastBox = boxes.at(-1);
  const lastMarker = markers.at(-1);
  if (lastMarker && (!lastBox || lastMarker.index > lastBox.index)) return pick(markers, 'gsm8k-marker', 'high');
  if (lastBox) {
    const parts = options.goldParts ?? 1;
    // Several boxes make up the answer only when the last one alone does not hold all its parts.
    if (parts > 1 && boxes.length > 1 && splitTopLevel(lastBox.answer, ',').length < parts) {
      const all = [...new Set(boxes.map((b) => b.answer))];
      return { answer: all.map(finalValue).join(', '), written: all.join(', '), rule: 'boxed', confidence: 'high', ambiguous: false };
    }
    return pick(boxes, 'boxed', 'high');
  }
  const phrases = answerPhrases(text);
  if (phrases.length > 0) return pick(phrases, 'answer-phrase', 'high');
  const bare = bareAnswer(text);
  if (bare !== null) {
    const written = bare.replace(/^\$+|\$+$/g, '').trim() || bare;
    return { answer: finalValue(written), written, rule: 'bare', confidence: 'high', ambiguous: false };
  }
  if (options.goldIsChoice) {
    const letters = choiceLetters(text);
    if (letters.length > 0) return pick(letters, 'choice-letter', 'medium');
  }
  // A lone letter (`Let $x$ be ...`) names a variable; it is an answer only when nothing else is.
  const spans = allMathSpans(text);
  const meaningful = spans.filter((s) => !/^[a-zA-Z]$/.test(s.answer));
  if (meaningful.length > 0) return pick(meaningful, 'math-span', 'medium');
  const numbers = answerNumbers(text);
  if (numbers.length > 0) return pick(numbers, 'last-number', 'low');
  if (spans.length > 0) return pick(spans, 'math-span', 'low');
  return null;
}

// A base model given few-shot examples goes on after its answer with the next "Question:"; what follows the
// first answer is not part of this one (lm-eval-harness stops generation there). Text before it that holds no
// answer marker and no number is a restated problem, not an answer, and is not cut.
const CONTINUATION = /\n\s*(?:Question|Problem|Q)\s*\d*\s*:/g;
const ANSWERED = /\\boxed|\\fbox|####|\banswer\b|\d/i;

// A reasoning model's answer follows its reasoning block (`<think>...</think>`): a box or "answer is" tried out
// inside the block is not the answer when the model wrote something after it. With nothing after, the block is read.
function afterReasoning(text: string): string {
  const end = text.lastIndexOf('</think>');
  if (end < 0) return text;
  const after = text.slice(end + '</think>'.length);
  return after.trim() === '' ? text : after;
}

// Markdown bold around an answer (`**72**`, `Answer: **8** apples`) and the Unicode minus sign (`−10`) are
// formatting; `2**3` (a power, glued to its operands) is left alone.
function plainMarkdown(text: string): string {
  return text.replace(/(?<![\w)])\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*(?![\w(])/g, '$1').replace(/\u2212/g, '-');
}

function withoutContinuation(text: string): string {
  CONTINUATION.lastIndex = 0;
  for (let m = CONTINUATION.exec(text); m; m = CONTINUATION.exec(text)) {
    if (ANSWERED.test(text.slice(0, m.index))) return text.slice(0, m.index);
  }
  return text;
}

function pick(found: readonly Found[], rule: ExtractionRule, confidence: Extraction['confidence']): Extraction {
  const last = (found.at(-1) as Found).answer;
  const answer = finalValue(last);
  const ambiguous = found.some((f) => finalValue(f.answer) !== answer);
  return { answer, written: last, rule, confidence, ambiguous };
}
