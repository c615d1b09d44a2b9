import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { slugify } from '../src/slugify.mjs';

describe('slugify', () => {
  it('lower-cases and joins words with dashes', () => {
    assert.equal(slugify('Hello World'), 'hello-world');
  });
  it('drops punctuation and outer spaces', () => {
    assert.equal(slugify('  Ready, set... go!  '), 'ready-set-go');
  });
  it('accepts another separator', () => {
    assert.equal(slugify('a b c', '_'), 'a_b_c');
  });
});
