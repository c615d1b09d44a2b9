import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes } from '../src/format-bytes.mjs';

describe('formatBytes', () => {
  it('prints small counts in bytes', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(500), '500 B');
  });
  it('uses one decimal for larger units', () => {
    assert.equal(formatBytes(1536), '1.5 KB');
  });
  it('rejects negative counts', () => {
    assert.throws(() => formatBytes(-1), RangeError);
  });
});
