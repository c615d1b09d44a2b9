import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { range } from '../src/range.mjs';

describe('range', () => {
  it('counts from zero with one argument', () => {
    assert.deepEqual(range(3), [0, 1, 2]);
  });
  it('takes a start, an end and a step', () => {
    assert.deepEqual(range(2, 10, 3), [2, 5, 8]);
  });
  it('rejects a zero step', () => {
    assert.throws(() => range(0, 5, 0), RangeError);
  });
});
