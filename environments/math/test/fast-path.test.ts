import { describe, expect, it } from 'vitest';
import { MathConfigSchema } from '../src/config.js';
import { gradeFastPath } from '../src/grade-fast-path.js';
import { gradeCaseInline } from '../src/grade-inline.js';
import { proceduralTasks } from '../src/procedural-tasks.js';
import { type CorpusCase, readCorpus } from './read-corpus.js';

type Case = Pick<CorpusCase, 'gold' | 'pred'>;

// Every case the fast path takes must get the full grader's verdict, field for field (the voting key included).
function agreement(cases: ReadonlyArray<Case & { where: string }>): { taken: number; rules: Record<string, number> } {
  let taken = 0;
  const rules: Record<string, number> = {};
  for (const c of cases) {
    const fast = gradeFastPath(c.gold, c.pred);
    if (!fast) continue;
    taken++;
    rules[fast.rule] = (rules[fast.rule] ?? 0) + 1;
    expect(fast, `${c.where}: gold ${JSON.stringify(c.gold)} pred ${JSON.stringify(c.pred)}`).toEqual(gradeCaseInline(c.gold, c.pred));
  }
  return { taken, rules };
}

describe('gradeFastPath', () => {
  it.each(['grading-cases.jsonl', 'second-opinion.jsonl'])('gives the full grader verdict on every case of %s it takes', (file) => {
    const cases = readCorpus(file);
    const { taken, rules } = agreement(cases.map((c) => ({ ...c, where: `${file}:${c.line}` })));
    console.log(`${file}: the fast path takes ${taken} of ${cases.length} cases (${JSON.stringify(rules)})`);
    // The corpora are mostly hard cases on purpose; still, plain numbers, choices and missing answers are in both.
    expect(taken).toBeGreaterThan(cases.length / 10);
    expect(taken).toBeLessThan(cases.length);
  }, 120_000);

  it('takes every procedural numeric answer, right or wrong, with the full grader verdict', () => {
    const tasks = proceduralTasks(MathConfigSchema.parse({}), 3, 100);
    const cases = tasks.flatMap((t) => [
      { gold: t.reference, pred: `The answer is 42.\n#### 42`, where: t.id },
      { gold: t.reference, pred: `work\n#### ${t.reference}`, where: t.id },
      { gold: t.reference, pred: `so the answer is $\\boxed{${t.wrongAnswers?.[0] ?? '0'}}$`, where: t.id },
      { gold: t.reference, pred: 'I do not know.', where: t.id },
    ]);
    const { taken } = agreement(cases);
    const numeric = cases.filter((c) => /^-?\d+(?:\.\d+)?$/.test(c.gold)).length;
    expect(taken).toBeGreaterThanOrEqual(numeric);
  }, 120_000);

  it('leaves expressions, equations, sets and long answers to the worker', () => {
    expect(gradeFastPath('x+1', '\\boxed{1+x}')).toBeNull();
    expect(gradeFastPath('\\sqrt{2}', '\\boxed{\\sqrt{2}}')).toBeNull();
    expect(gradeFastPath('x + y = 5', '\\boxed{y + x = 5}')).toBeNull();
    expect(gradeFastPath('\\{1, 2\\}', '\\boxed{\\{2, 1\\}}')).toBeNull();
    expect(gradeFastPath('3', `\\boxed{${'1+'.repeat(100)}1}`)).toBeNull();
  });
});
