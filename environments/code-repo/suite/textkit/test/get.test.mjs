import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { get } from '../src/get.mjs';

describe('get', () => {
  it('reads a nested value by a dotted path', () => {
    assert.equal(get({ a: { b: { c: 1 } } }, 'a.b.c'), 1);
  });
  it('reads through arrays', () => {
    assert.equal(get({ list: [{ name: 'x' }] }, 'list.0.name'), 'x');
  });
  it('returns the fallback for a missing path', () => {
    assert.equal(get({ a: {} }, 'a.b.c', 'none'), 'none');
  });
  it('accepts an array of keys', () => {
    assert.equal(get({ 'a.b': 2 }, ['a.b']), 2);
  });
});
