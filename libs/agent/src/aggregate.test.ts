import { describe, expect, it } from 'vitest';
import type { SampleRecord } from '@crucible/core';
import { aggregate } from './aggregate.js';

function sample(index: number, answer: string | undefined, passed: boolean): SampleRecord {
  return {
    index,
    exitReason: 'submitted',
    score: { value: passed ? 1 : 0, passed, ...(answer === undefined ? {} : { answer }), details: {} },
    usage: { calls: 1, promptTokens: 1, completionTokens: 1, cachedTokens: 0, reasoningTokens: 0 },
    steps: 1,
    invalidActions: 0,
    revisions: 0,
    wallMs: 1,
  };
}

describe('aggregate vote', () => {
  it('a clear majority takes the leader’s score', () => {
    const r = aggregate([sample(0, '7', false), sample(1, '3', true), sample(2, '3', true)], 'vote');
    expect(r).toMatchObject({ chosen: 1, score: { value: 1, passed: true, answer: '3', details: { votes: 2 } } });
  });

  it('a tie scores the expected value over the tied answers, whichever comes first', () => {
    const wrongFirst = aggregate([sample(0, '7', false), sample(1, '3', true), sample(2, '7', false), sample(3, '3', true)], 'vote');
    const rightFirst = aggregate([sample(0, '3', true), sample(1, '7', false), sample(2, '7', false), sample(3, '3', true)], 'vote');
    for (const r of [wrongFirst, rightFirst]) expect(r.score).toMatchObject({ value: 0.5, passed: false, details: { tiedAnswers: expect.arrayContaining(['3', '7']) } });
    expect(wrongFirst.score.answer).toBe('7');
    expect(rightFirst.score.answer).toBe('3');
  });

  it('a three-way tie with two right answers scores 2/3; abstentions never win', () => {
    const r = aggregate([sample(0, undefined, false), sample(1, 'a', true), sample(2, 'b', true), sample(3, 'c', false)], 'vote');
    expect(r.score.value).toBeCloseTo(2 / 3, 12);
    expect(aggregate([sample(0, undefined, false), sample(1, undefined, false)], 'vote').score).toMatchObject({ value: 0, passed: false });
  });
});
