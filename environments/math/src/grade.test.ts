import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrucibleError } from '@crucible/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAgreement, tallyAgreement } from './agreement.js';
import { gradeCase, gradeJsonl } from './grade.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crucible-grade-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('gradeCase', () => {
  it('extracts, then checks equivalence', async () => {
    expect(await gradeCase('\\frac{1}{\\sqrt{2}}', 'So the value is \\boxed{\\frac{\\sqrt{2}}{2}}.')).toMatchObject({
      equal: true,
      rule: 'latex-numeric',
      extracted: '\\frac{\\sqrt{2}}{2}',
      extractedBy: 'boxed',
    });
    expect(await gradeCase('42', 'Working... the answer is 42.')).toMatchObject({ equal: true, extracted: '42', extractedBy: 'answer-phrase', gold: '42' });
    expect(await gradeCase('1234.5', '[sim] The total is $1,234.50 in all')).toMatchObject({ equal: true, extractedBy: 'last-number' });
    expect(await gradeCase('12', '#### 123')).toMatchObject({ equal: false, rule: 'numeric', pred: '123' });
  });

  it('reports no-answer when nothing can be extracted', async () => {
    expect(await gradeCase('5', 'I am not sure.')).toEqual({ equal: false, rule: 'no-answer', extracted: null, extractedBy: null, confidence: null, ambiguous: false, gold: '5', pred: null });
  });
});

describe('gradeJsonl', () => {
  it('grades every line with its line number, skipping blank lines', async () => {
    const path = join(dir, 'cases.jsonl');
    await writeFile(path, [JSON.stringify({ gold: '1/2', pred: '#### 0.5' }), '', JSON.stringify({ gold: 7, pred: 'it is 8' })].join('\n'));
    const verdicts = await collect(gradeJsonl(path));
    expect(verdicts).toMatchObject([
      { line: 1, equal: true, rule: 'fraction' },
      { line: 3, equal: false, extracted: '8' },
    ]);
  });

  it('carries the expected verdict of labelled lines, and rejects a bad label with file:line', async () => {
    const path = join(dir, 'labelled.jsonl');
    await writeFile(path, [JSON.stringify({ gold: '1', pred: '1', equal: true }), JSON.stringify({ gold: '1', pred: '2' })].join('\n'));
    expect(await collect(gradeJsonl(path))).toMatchObject([{ line: 1, equal: true, expected: true }, { line: 2, equal: false }]);
    const bad = join(dir, 'bad-label.jsonl');
    await writeFile(bad, [JSON.stringify({ gold: '1', pred: '1', equal: true }), JSON.stringify({ gold: '1', pred: '1', equal: 'yes' })].join('\n'));
    await expect(collect(gradeJsonl(bad))).rejects.toThrow(/bad-label\.jsonl:2: equal:/);
  });

  it('fails with file:line before any verdict on a malformed line', async () => {
    const path = join(dir, 'bad.jsonl');
    await writeFile(path, [JSON.stringify({ gold: '1', pred: '1' }), JSON.stringify({ gold: '1' })].join('\n'));
    const seen: unknown[] = [];
    const err = await (async () => {
      for await (const v of gradeJsonl(path)) seen.push(v);
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CrucibleError);
    expect((err as CrucibleError).message).toMatch(/bad\.jsonl:2: pred:/);
    expect(seen).toEqual([]);
  });
});

describe('tallyAgreement', () => {
  it('counts agreement, false positives and false negatives by rule, skipping unlabelled lines', () => {
    const base = { extracted: 'x', extractedBy: 'boxed', confidence: 'high', ambiguous: false, gold: 'g', pred: 'p' } as const;
    const a = tallyAgreement([
      { ...base, line: 1, equal: true, rule: 'numeric', expected: true },
      { ...base, line: 2, equal: true, rule: 'numeric', expected: false },
      { ...base, line: 3, equal: false, rule: 'symbolic', expected: true },
      { ...base, line: 4, equal: false, rule: 'symbolic' },
    ]);
    expect(a).toMatchObject({ labelled: 3, agree: 1, falsePositives: 1, falseNegatives: 1, misses: [2, 3] });
    expect(a.byRule).toEqual({ numeric: { agree: 1, falsePositives: 1, falseNegatives: 0 }, symbolic: { agree: 0, falsePositives: 0, falseNegatives: 1 } });
    expect(formatAgreement(a)).toMatch(/^agreement: 1\/3 \(33\.3%\), false positives 1, false negatives 1/);
  });
});
