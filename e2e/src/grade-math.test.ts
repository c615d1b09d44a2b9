import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, crucible, tempDir } from './cli.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('crucible-grade-math-');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const labelled = [
  { gold: '\\frac{1}{3}', pred: 'so we have $k = \\frac{1}{3}$', equal: true },
  { gold: 'x \\le 5', pred: 'The answer is $5 \\geq x$.', equal: true },
  // The grader says equal (1,22 is a decimal comma); the label says otherwise: one false positive.
  { gold: '1.22', pred: '1,22', equal: false },
];

describe('crucible grade math: agreement with labelled lines', () => {
  it('prints the agreement by rule and exits 1 below --min-agreement, 0 at or above it', async () => {
    const file = join(dir, 'labelled.jsonl');
    await writeFile(file, labelled.map((c) => JSON.stringify(c)).join('\n'));
    const low = await crucible(['grade', 'math', '--jsonl', file, '--min-agreement', '0.9']);
    expect(low.exitCode, low.stderr).toBe(1);
    expect(low.stderr).toMatch(/agreement: 2\/3 \(66\.7%\), false positives 1, false negatives 0/);
    expect(low.stderr).toMatch(/numeric\s+agree 0, false positives 1/);
    expect(low.stderr).toMatch(/disagreeing lines: 3/);
    const verdicts = low.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; expected: boolean; equal: boolean });
    expect(verdicts.map((v) => [v.line, v.expected, v.equal])).toEqual([
      [1, true, true],
      [2, true, true],
      [3, false, true],
    ]);
    const ok = await crucible(['grade', 'math', '--jsonl', file, '--min-agreement', '0.6']);
    expect(ok.exitCode, ok.stderr).toBe(0);
  });

  it('agrees with the public corpus at the documented level', async () => {
    const res = await crucible(['grade', 'math', '--jsonl', join(ROOT, 'environments/math/test/corpus/grading-cases.jsonl'), '--min-agreement', '0.98']);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/^agreement: \d+\/\d+/m);
  });
});

describe('crucible grade math: bounded cost', () => {
  it('gives a pathological expansion a verdict instead of hanging', async () => {
    const res = await crucible(['grade', 'math', '--gold', 'x+1', '--pred', '\\boxed{(a+b+c+d+1)^{12}}']);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ equal: false, extracted: '(a+b+c+d+1)^{12}' });
  });
});
