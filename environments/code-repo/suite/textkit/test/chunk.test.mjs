import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chunk } from '../src/chunk.mjs';

describe('chunk', () => {
  it('splits an array into equal groups', () => {
    assert.deepEqual(chunk([1, 2, 3, 4], 2), [[1, 2], [3, 4]]);
  });
  it('returns an empty array for empty input', () => {
    assert.deepEqual(chunk([], 3), []);
  });
  it('rejects a size below one', () => {
    assert.throws(() => chunk([1], 0), RangeError);
  });
});
