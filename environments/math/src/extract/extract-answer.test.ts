import { describe, expect, it } from 'vitest';
import { lastBoxed } from './boxed.js';
import { extractAnswer } from './extract-answer.js';

describe('extractAnswer', () => {
  it('takes the last #### marker, ignoring a leading [sim]', () => {
    expect(extractAnswer('[sim] first #### 3\nthen #### 1,234\n')).toMatchObject({ answer: '1,234', rule: 'gsm8k-marker' });
  });

  it('prefers #### over \\boxed and \\boxed over a phrase', () => {
    expect(extractAnswer('\\boxed{7}\n#### 8')?.answer).toBe('8');
    expect(extractAnswer('The answer is 3, so \\boxed{4}')).toMatchObject({ answer: '4', rule: 'boxed' });
  });

  it('reads nested braces in the last \\boxed{} and \\fbox{}', () => {
    expect(extractAnswer('try \\boxed{1} then \\boxed{\\frac{1}{\\sqrt{2}}}.')?.answer).toBe('\\frac{1}{\\sqrt{2}}');
    expect(extractAnswer('so \\fbox{$x^{2}$}')?.answer).toBe('$x^{2}$');
    expect(lastBoxed('\\boxed 5 apples')).toBe('5');
    expect(lastBoxed('no box here')).toBeNull();
  });

  it('reads "the answer is ..." up to the end of the sentence', () => {
    expect(extractAnswer('Adding up, the answer is 42. Let me check 43.')).toMatchObject({ answer: '42', rule: 'answer-phrase' });
    expect(extractAnswer('The answer is 3.5.')?.answer).toBe('3.5');
    expect(extractAnswer('Final answer: $1,234.50.')?.answer).toBe('$1,234.50');
    expect(extractAnswer('**Final Answer:** 12')?.answer).toBe('12');
  });

  it('falls back to the last number', () => {
    expect(extractAnswer('5 boxes of 6 give 30, minus 4 is 26 apples')).toMatchObject({ answer: '26', rule: 'last-number' });
    expect(extractAnswer('it costs $1,200 or -3')?.answer).toBe('-3');
    expect(extractAnswer('pages 10-12')?.answer).toBe('12');
    expect(extractAnswer('half is 1/2')?.answer).toBe('1/2');
  });

  it('returns null when nothing looks like an answer', () => {
    expect(extractAnswer('I do not know.')).toBeNull();
    expect(extractAnswer('')).toBeNull();
    expect(extractAnswer('#### \n')).toBeNull();
  });

  it('takes all boxes when the reference has several parts, the last box otherwise', () => {
    const out = 'The solutions are $x = \\boxed{2}$ and $x = \\boxed{3}$.';
    expect(extractAnswer(out)).toMatchObject({ answer: '3', rule: 'boxed', ambiguous: true });
    expect(extractAnswer(out, { goldParts: 2 })).toMatchObject({ answer: '2, 3', rule: 'boxed' });
  });

  it('reads Minerva\'s "Final Answer: The final answer is $x$. I hope it is correct."', () => {
    expect(extractAnswer('Final Answer: The final answer is $\\frac{1}{3}$. I hope it is correct.')).toMatchObject({ answer: '\\frac{1}{3}', rule: 'answer-phrase' });
  });

  it('takes a short non-prose output whole', () => {
    expect(extractAnswer('5 \\geq x')).toMatchObject({ answer: '5 \\geq x', rule: 'bare', confidence: 'high' });
    expect(extractAnswer('1,22')?.answer).toBe('1,22');
    expect(extractAnswer('AZYUK2A')?.answer).toBe('AZYUK2A');
    expect(extractAnswer('It is 5')?.rule).toBe('last-number');
  });

  it('falls back to the last math span, skipping prices and lone variables, keeping the stated value', () => {
    expect(extractAnswer('The probability is $\\frac{1}{3}$')).toMatchObject({ answer: '\\frac{1}{3}', rule: 'math-span', confidence: 'medium' });
    expect(extractAnswer('so we have $k = \\frac{1}{3}$ here')?.answer).toBe('\\frac{1}{3}');
    expect(extractAnswer('We find $x = 1/3 \\approx 0.33$ in all')?.answer).toBe('1/3');
    expect(extractAnswer('Therefore \\(x \\geq 5\\) holds')?.answer).toBe('x \\geq 5');
    expect(extractAnswer('Let $x$ be the width. Then $x = 4$ follows')?.answer).toBe('4');
    expect(extractAnswer('\\begin{align*}\nx &= \\frac{2}{6} \\\\\n&= \\frac{1}{3}\n\\end{align*}')?.answer).toBe('\\frac{1}{3}');
    expect(extractAnswer('It costs $5 and $6 in total, so 11 dollars')).toMatchObject({ answer: '11', rule: 'last-number' });
  });

  it('reads numbers in prose as they stand: not inside words, not approximations, tuples whole', () => {
    expect(extractAnswer('The code is AZYUK2A, really')).toBeNull();
    expect(extractAnswer('She saved 1 000 euros')?.answer).toBe('1 000');
    expect(extractAnswer('It costs 2,74 $')?.answer).toBe('2,74');
    expect(extractAnswer('probability 1/3, i.e. about 0.33')?.answer).toBe('1/3');
    expect(extractAnswer('The intersection point is (2, 3).')?.answer).toBe('(2, 3)');
    expect(extractAnswer('You need 2 1/2 cups of flour.')?.answer).toBe('2 1/2');
  });

  it('skips an answer phrase followed by prose rather than an answer', () => {
    expect(extractAnswer('I think the answer is that x must be quite large here. Solving, $x = 5$.')).toMatchObject({ answer: '5', rule: 'math-span' });
    expect(extractAnswer('The answer is no solution.')?.answer).toBe('no solution');
  });

  it('stops at a few-shot continuation after the answer', () => {
    const out = 'The answer is 18.\n\nQuestion: A robe takes 2 bolts.\nAnswer: The answer is 3.';
    expect(extractAnswer(out)?.answer).toBe('18');
  });
});

