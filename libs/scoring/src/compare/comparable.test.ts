import { isCrucibleError } from '@crucible/core';
import { describe, expect, it } from 'vitest';
import { checkComparable } from './comparable.js';

function code(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return isCrucibleError(err, 'user') ? err.code : 'not a user error';
  }
}

describe('checkComparable', () => {
  const math = { where: 'runs/a', env: 'math', dataset: 'gsm8k-sample.jsonl' };

  it('accepts the same environment and dataset file name (paths differ between machines)', () => {
    expect(code(() => checkComparable(math, { ...math, where: '/ci/runs/b' }))).toBeUndefined();
  });

  it('refuses another environment, even with --intersection', () => {
    expect(code(() => checkComparable(math, { ...math, env: 'code-repo' }, true))).toBe('run_mismatch');
  });

  it('refuses another dataset unless --intersection', () => {
    const other = { ...math, dataset: 'math-sample.jsonl' };
    expect(code(() => checkComparable(math, other))).toBe('run_mismatch');
    expect(code(() => checkComparable(math, { ...math, dataset: undefined }))).toBe('run_mismatch');
    expect(code(() => checkComparable(math, other, true))).toBeUndefined();
  });
});
