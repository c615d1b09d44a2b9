import { describe, expect, it } from 'vitest';
import { isEquivalent } from './is-equivalent.js';
import { normalizeAnswer } from './normalize-answer.js';
import { isSymbolicIdentity } from './symbolic-identity.js';

const equal: Array<[string, string, string]> = [
  ['1000', '1,000', 'numeric'],
  ['0.5', '\\frac12', 'fraction'],
  ['1/2', '3/6', 'fraction'],
  ['0.75', '\\dfrac{3}{4}', 'fraction'],
  ['\\tfrac{3}{4}', '3/4', 'fraction'],
  ['1234.5', '$1,234.50', 'numeric'],
  ['1234.5', '\\$1,234.50', 'numeric'],
  ['50', '50\\%', 'numeric'],
  ['5', 'x = 5', 'exact'],
  ['5', '5 apples', 'exact'],
  ['12', '12 \\text{ cm}', 'exact'],
  ['3', '3 hours.', 'exact'],
  ['12', '12cm', 'exact'],
  ['60', '60 km/h', 'exact'],
  ['(1, \\infty)', '(1, ∞)', 'interval'],
  ['30', '30^\\circ', 'exact'],
  ['30', '30^{\\circ}', 'exact'],
  ['1000', '1\\,000', 'exact'],
  ['2.5', '2\\frac{1}{2}', 'fraction'],
  ['-\\frac{1}{2}', '\\frac{-1}{2}', 'fraction'],
  ['10', '10.00', 'numeric'],
  ['\\frac{1}{\\sqrt{2}}', '\\frac{\\sqrt{2}}{2}', 'latex-numeric'],
  ['\\sqrt{2}', '\\sqrt2', 'exact'],
  ['2\\sqrt{2}', '\\sqrt{8}', 'latex-numeric'],
  ['\\frac{\\pi}{2}', '\\left(\\frac{\\pi}{2}\\right)', 'latex-numeric'],
  ['2x+2', '2(x+1)', 'symbolic'],
  ['(x+1)^2', 'x^2+2x+1', 'symbolic'],
  ['\\mathrm{Devon}', '\\text{devon}', 'text'],
  ['\\{1,2\\}', '\\{2,1\\}', 'set'],
  ['\\left\\{1, \\frac12\\right\\}', '\\{0.5, 1\\}', 'set'],
  ['1, 2, 3', '3,1,2', 'set'],
  ['(1,2]', '(1, 2]', 'interval'],
  ['(-\\infty, 3)', '\\left(-\\infty,3\\right)', 'interval'],
  ['(1, 2)', '(1, \\frac{4}{2})', 'tuple'],
  ['(-\\infty,0)\\cup(1,\\infty)', '(1,\\infty)\\cup(-\\infty,0)', 'union'],
  ['5', '\\boxed{5}', 'exact'],
];

const different: Array<[string, string]> = [
  ['12', '123'],
  ['0.5', '0.05'],
  ['1/2', '1/3'],
  ['1/2', '2/1'],
  ['50', '0.5'],
  ['1000', '100'],
  ['1,000', '1,0'],
  ['2x+2', '2x+1'],
  ['x^2', '2x'],
  ['\\sqrt{2}', '1.414'],
  ['(1,2]', '[1,2]'],
  ['(1,2)', '[1,2)'],
  ['(1,2)', '(2,1)'],
  ['\\{1,2\\}', '\\{1,2,3\\}'],
  ['\\{1,2\\}', '(1,2)'],
  ['5', '-5'],
  ['3', '3x'],
  ['2', '2xy'],
  ['2', '2 \\pi'],
  ['odd', 'even'],
];

describe('isEquivalent', () => {
  it.each(equal)('%s == %s (%s)', (gold, pred, rule) => {
    const v = isEquivalent(gold, pred);
    expect(v).toMatchObject({ equal: true, rule });
    expect(v.gold).toBe(v.pred);
  });

  it.each(different)('%s != %s', (gold, pred) => {
    expect(isEquivalent(gold, pred).equal).toBe(false);
  });

  it('names the deciding rule when answers differ', () => {
    expect(isEquivalent('12', '123').rule).toBe('numeric');
    expect(isEquivalent('1/2', '1/3').rule).toBe('fraction');
    expect(isEquivalent('(1,2]', '[1,2]').rule).toBe('interval');
    expect(isEquivalent('2x+2', '2x+1').rule).toBe('symbolic');
    expect(isEquivalent('5', '').rule).toBe('unparseable');
    expect(isEquivalent('5', '\\frac{1}{').rule).toBe('unparseable');
  });

  it('treats 1,234 as thousands, and 1,2 as a decimal comma against a number but as a list against a list', () => {
    expect(isEquivalent('1234', '1,234')).toMatchObject({ equal: true, rule: 'numeric' });
    expect(isEquivalent('12', '1,2')).toMatchObject({ equal: false, rule: 'numeric' });
    expect(isEquivalent('1.2', '1,2')).toMatchObject({ equal: true, rule: 'numeric' });
    expect(isEquivalent('2, 1', '1,2')).toMatchObject({ equal: true, rule: 'set' });
  });
});

describe('normalizeAnswer', () => {
  it('gives equivalent answers the same voting key', () => {
    const keys = new Set(['1/2', '0.5', '\\frac{1}{2}', '\\frac12', '3/6', '\\dfrac{1}{2}', '$0.50', '\\boxed{0.5}'].map(normalizeAnswer));
    expect([...keys]).toEqual(['0.5']);
    expect(normalizeAnswer('1,000')).toBe(normalizeAnswer('1000'));
    expect(normalizeAnswer('50\\%')).toBe('50');
    expect(normalizeAnswer('1/3')).toBe('1/3');
    expect(normalizeAnswer('\\frac{1}{\\sqrt2}')).toBe(normalizeAnswer('\\frac{\\sqrt{2}}{2}'));
    expect(normalizeAnswer('2(x+1)')).toBe(normalizeAnswer('2x+2'));
    expect(normalizeAnswer('\\{2, 1\\}')).toBe(normalizeAnswer('\\{1,2\\}'));
    expect(normalizeAnswer('\\sqrt{4}')).toBe('2');
  });

  it('keeps different answers apart', () => {
    expect(normalizeAnswer('0.5')).not.toBe(normalizeAnswer('0.05'));
    expect(normalizeAnswer('(1,2]')).not.toBe(normalizeAnswer('[1,2]'));
    expect(normalizeAnswer('(1,2)')).not.toBe(normalizeAnswer('(2,1)'));
  });
});

describe('isSymbolicIdentity (nerdamer fallback)', () => {
  it('proves expanded identities and rejects non-identities', () => {
    expect(isSymbolicIdentity('(a+b)^2', 'a^2+2ab+b^2')).toBe(true);
    expect(isSymbolicIdentity('\\frac{x}{2}+\\frac{x}{2}', 'x')).toBe(true);
    expect(isSymbolicIdentity('x+1', 'x+2')).toBe(false);
    expect(isSymbolicIdentity('\\frac{1}{', 'x')).toBe(false);
  });
});
