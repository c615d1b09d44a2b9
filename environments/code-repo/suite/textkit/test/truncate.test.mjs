import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { truncate } from '../src/truncate.mjs';

describe('truncate', () => {
  it('leaves short text alone', () => {
    assert.equal(truncate('short', 10), 'short');
  });
  it('leaves text of exactly max characters alone', () => {
    assert.equal(truncate('abcde', 5), 'abcde');
  });
});
