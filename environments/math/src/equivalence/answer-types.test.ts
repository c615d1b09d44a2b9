import { describe, expect, it } from 'vitest';
import { isEquivalent } from './is-equivalent.js';
import { parseNumber } from './parse-number.js';
import { parseRelation } from './relation.js';
import { relationSet } from './solution-set.js';

const eq = (gold: string, pred: string) => isEquivalent(gold, pred);

describe('numbers', () => {
  it('reads thousands groups, decimal commas, percent and scientific notation', () => {
    expect(parseNumber('7,425,000')?.value.toString()).toBe('7425000');
    expect(parseNumber('1 000')?.value.toString()).toBe('1000');
    expect(parseNumber('1,22')?.value.toString()).toBe('61/50');
    expect(parseNumber('1,22', { decimalComma: false })).toBeNull();
    expect(parseNumber('1,234')?.value.toString()).toBe('1234');
    expect(parseNumber('50%')).toMatchObject({ percent: true });
    expect(parseNumber('1.5 \\times 10^{3}')?.value.toString()).toBe('1500');
    expect(parseNumber('2 1/2')?.value.toString()).toBe('5/2');
  });

  it('compares exact values exactly and long decimals within 1e-6', () => {
    expect(eq('1000000', '1000001').equal).toBe(false);
    expect(eq('\\frac13', '0.333333').equal).toBe(true);
    expect(eq('\\frac13', '0.33').equal).toBe(false);
    expect(eq('50\\%', '0.5').equal).toBe(true);
    expect(eq('50\\%', '5\\%').equal).toBe(false);
  });
});

describe('relations', () => {
  it('turns one-variable inequalities into solution sets', () => {
    const set = (s: string) => relationSet(parseRelation(s) as NonNullable<ReturnType<typeof parseRelation>>);
    expect(set('-x > -1')).toEqual([{ lo: -Infinity, hi: 1, loClosed: false, hiClosed: false }]);
    expect(set('5 \\ge x')).toEqual([{ lo: -Infinity, hi: 5, loClosed: false, hiClosed: true }]);
    expect(set('0 \\le x < 7')).toEqual([{ lo: 0, hi: 7, loClosed: true, hiClosed: false }]);
    expect(set('x^2 < 4')).toBeNull();
  });

  it('compares relations as sets, as proportional sides, and against intervals', () => {
    expect(eq('x \\leq 5', '5 \\geq x')).toMatchObject({ equal: true, rule: 'relation' });
    expect(eq('x < 1', '-x > -1').equal).toBe(true);
    expect(eq('x < 1', '-x < -1').equal).toBe(false);
    expect(eq('x > 2', '2x \\geq 4').equal).toBe(false);
    expect(eq('x + y = 5', 'y = 5 - x').equal).toBe(true);
    expect(eq('y > x', 'x > y').equal).toBe(false);
    expect(eq('x \\geq 5', '[5, \\infty)').equal).toBe(true);
    expect(eq('(-\\infty, 2) \\cup (2, \\infty)', 'x \\neq 2').equal).toBe(true);
  });
});

describe('structured and symbolic answers', () => {
  it('compares matrices cell by cell whatever their brackets', () => {
    expect(eq('\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}', '\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}')).toMatchObject({ equal: true, rule: 'matrix' });
    expect(eq('\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}', '\\begin{pmatrix} 1 & 2 \\end{pmatrix}').equal).toBe(false);
  });

  it('reads choices, plus-minus, unions with points, and text', () => {
    expect(eq('\\text{(C)}', '\\textbf{(C)}')).toMatchObject({ equal: true });
    expect(eq('B', '(B) 12')).toMatchObject({ equal: true, rule: 'choice' });
    expect(eq('2, -2', '\\pm 2').equal).toBe(true);
    expect(eq('\\{-1\\} \\cup [0,7)', '[0,7) \\cup \\{-1\\}').equal).toBe(true);
    expect(eq('\\text{Devon}', 'devon')).toMatchObject({ equal: true, rule: 'text' });
  });

  it('refuses answers over the size limit with a verdict, not a long computation', () => {
    expect(eq('1', `${'x+'.repeat(600)}1`)).toMatchObject({ equal: false, rule: 'too-large' });
  });
});
