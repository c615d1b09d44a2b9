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
});
