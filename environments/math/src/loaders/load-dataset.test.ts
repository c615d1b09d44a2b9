import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrucibleError } from '@crucible/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveDataset } from '../dataset-tasks.js';
import { loadDataset } from './load-dataset.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crucible-math-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, lines: unknown[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}

async function loadError(path: string): Promise<CrucibleError> {
  const err = await loadDataset(path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CrucibleError);
  expect((err as CrucibleError).code).toBe('invalid_dataset');
  expect((err as CrucibleError).hint).toBeTruthy();
  return err as CrucibleError;
}

describe('loadDataset', () => {
  it('loads GSM8K lines, skipping blank lines and stripping commas from the final answer', async () => {
    const path = await file('g.jsonl', [
      { question: 'How many?', answer: 'Two steps.\nThen <<1+1=2>>.\n#### 1,200' },
      '',
      { question: 'And now?', answer: '#### 7', id: 'q-2' },
    ]);
    const records = await loadDataset(path);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ line: 1, question: 'How many?', reference: '1200', family: 'gsm8k', format: 'gsm8k', difficulty: 2 });
    expect(records[1]).toMatchObject({ line: 3, id: 'q-2', reference: '7' });
  });

  it('loads MATH lines: answer field, else the last \\boxed{} (nested) or \\fbox{}, with levels', async () => {
    const path = await file('m.jsonl', [
      { problem: 'p1', solution: 'first \\boxed{1} then \\boxed{\\frac{1}{\\sqrt{2}}}', level: 'Level 4', type: 'Number Theory' },
      { problem: 'p2', solution: 'no box', answer: '\\frac{3}{4}', level: 'Level ?' },
      { problem: 'p3', solution: 'so \\fbox{$5$}', level: 2, subject: 'Algebra', unique_id: 'test/algebra/1.json' },
    ]);
    const records = await loadDataset(path);
    expect(records.map((r) => r.reference)).toEqual(['\\frac{1}{\\sqrt{2}}', '\\frac{3}{4}', '5']);
    expect(records.map((r) => r.difficulty)).toEqual([4, undefined, 2]);
    expect(records.map((r) => r.family)).toEqual(['number-theory', 'math', 'algebra']);
    expect(records[2]?.id).toBe('test/algebra/1.json');
  });

  it('fails the whole load at the first malformed line with file:line', async () => {
    const path = await file('bad-json.jsonl', [{ question: 'q', answer: '#### 1' }, { question: 'q', answer: '#### 2' }, '{"question": "q", ']);
    const err = await loadError(path);
    expect(err.message).toContain(`${path}:3:`);
    expect(err.message).toContain('not valid JSON');
  });

  it('reports a missing field or a wrong type with its line', async () => {
    const missing = await loadError(await file('missing.jsonl', [{ question: 'q', answer: '#### 1' }, { question: 'q' }]));
    expect(missing.message).toMatch(/missing\.jsonl:2: answer:/);
    const wrongType = await loadError(await file('type.jsonl', [{ question: 'q', answer: 5 }]));
    expect(wrongType.message).toMatch(/type\.jsonl:1: answer:/);
  });

  it('reports a GSM8K answer without ####', async () => {
    const err = await loadError(await file('nohash.jsonl', [{ question: 'q', answer: '#### 1' }, { question: 'q', answer: 'just 5' }]));
    expect(err.message).toMatch(/nohash\.jsonl:2: answer: no "#### <final answer>"/);
  });

  it('reports a MATH solution without a boxed answer', async () => {
    const err = await loadError(await file('nobox.jsonl', [{ problem: 'p', solution: '\\boxed{2}' }, '', { problem: 'p', solution: 'it is 2' }]));
    expect(err.message).toMatch(/nobox\.jsonl:3: solution: no "answer" field and no \\boxed\{\} answer/);
  });

  it('rejects unknown formats, duplicate ids, empty and missing files', async () => {
    expect((await loadError(await file('unknown.jsonl', [{ text: 'x' }]))).message).toMatch(/unknown\.jsonl:1: cannot tell the format/);
    expect((await loadError(await file('dup.jsonl', [{ question: 'a', answer: '#### 1', id: 7 }, { question: 'b', answer: '#### 2', id: 7 }]))).message).toMatch(
      /dup\.jsonl:2: id "7" repeats line 1/,
    );
    const empty = join(dir, 'empty.jsonl');
    await writeFile(empty, '\n\n');
    expect((await loadError(empty)).message).toContain('no records');
    expect((await loadError(join(dir, 'nope.jsonl'))).message).toContain('ENOENT');
  });

  it('honours a forced format', async () => {
    const path = await file('forced.jsonl', [{ question: 'q', answer: '#### 1', problem: 'also here' }]);
    expect((await loadDataset(path, 'gsm8k'))[0]).toMatchObject({ reference: '1', format: 'gsm8k' });
    // Detected from `problem`, the line is a MATH record without a solution.
    await expect(loadDataset(path)).rejects.toThrow(/forced\.jsonl:1: solution:/);
  });

  it('loads the shipped samples', async () => {
    const gsm = await loadDataset(resolveDataset('gsm8k-sample', dir));
    const math = await loadDataset(resolveDataset('math-sample', dir));
    expect(gsm.length).toBeGreaterThanOrEqual(10);
    expect(math.length).toBeGreaterThanOrEqual(10);
    expect(math.every((r) => r.reference.length > 0 && !r.reference.startsWith('$'))).toBe(true);
  });
});
