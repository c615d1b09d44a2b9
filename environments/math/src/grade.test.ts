import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrucibleError } from '@crucible/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
