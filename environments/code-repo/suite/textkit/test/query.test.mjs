import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery, stringifyQuery } from '../src/query.mjs';

describe('parseQuery', () => {
  it('parses key=value pairs', () => {
    assert.deepEqual(parseQuery('a=1&b=two'), { a: '1', b: 'two' });
  });
  it('ignores a leading question mark', () => {
    assert.deepEqual(parseQuery('?x=y'), { x: 'y' });
  });
  it('collects repeated keys into an array', () => {
    assert.deepEqual(parseQuery('t=a&t=b&t=c'), { t: ['a', 'b', 'c'] });
  });
  it('decodes percent escapes', () => {
    assert.deepEqual(parseQuery('city=S%C3%A3o%20Paulo'), { city: 'São Paulo' });
  });
});

describe('stringifyQuery', () => {
  it('round-trips through parseQuery', () => {
    const params = { a: '1', list: ['x', 'y'], text: 'a&b' };
    assert.deepEqual(parseQuery(stringifyQuery(params)), params);
  });
});
