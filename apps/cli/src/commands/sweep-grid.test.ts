import { describe, expect, it } from 'vitest';
import { parseCompute } from '@crucible/core';
import { expandGrid, parseGridFlags } from './sweep-grid.js';

const resolve = (overrides: Record<string, unknown>) => parseCompute(overrides);

describe('sweep grid', () => {
  it('folds the samples axis into one pool of the largest N and crosses the other axes', () => {
    const axes = parseGridFlags(['samples=1,2,4,8', 'reasoningEffort=low,high', 'temperature=0.2,1']);
    const { points, poolOf } = expandGrid(axes, resolve);
    expect(poolOf).toEqual([1, 2, 4, 8]);
    expect(points).toHaveLength(4);
    expect(points.every((p) => p.compute.strategy.samples === 8)).toBe(true);
    expect(points.map((p) => [p.compute.sampling.reasoningEffort, p.compute.sampling.temperature])).toEqual([
      ['low', 0.2],
      ['low', 1],
      ['high', 0.2],
      ['high', 1],
    ]);
    expect(points.map((p) => p.label)).toEqual([
      'reasoningEffort=low temperature=0.2',
      'reasoningEffort=low temperature=1',
      'reasoningEffort=high temperature=0.2',
      'reasoningEffort=high temperature=1',
    ]);
  });

  it('sweeps thinking budgets, alone or crossed with budget forcing', () => {
    const { points } = expandGrid(parseGridFlags(['thinkingTokens=1024,4096,16384', 'budgetForcing=off,stop']), resolve);
    expect(points.map((p) => p.label)).toEqual([
      'thinkingTokens=1024 budgetForcing=off',
      'thinkingTokens=1024 budgetForcing=stop',
      'thinkingTokens=4096 budgetForcing=off',
      'thinkingTokens=4096 budgetForcing=stop',
      'thinkingTokens=16384 budgetForcing=off',
      'thinkingTokens=16384 budgetForcing=stop',
    ]);
    expect(points[5]!.compute.sampling).toMatchObject({ thinkingTokens: 16384, budgetForcing: 'stop' });
  });

  it('a samples-only grid is one point', () => {
    const { points } = expandGrid(parseGridFlags(['samples=16,1,4']), resolve);
    expect(points).toEqual([{ label: 'samples<=16', compute: parseCompute({ samples: 16 }) }]);
  });

  it('rejects unknown axes, empty values and bad sample counts with the flag named', () => {
    expect(() => parseGridFlags(['topP=0.9'])).toThrow(/--grid axis "topP"/);
    expect(() => parseGridFlags(['samples='])).toThrow(/no values/);
    expect(() => parseGridFlags(['samples'])).toThrow(/key=v1,v2/);
    expect(() => expandGrid(parseGridFlags(['samples=0,2']), resolve)).toThrow(/whole numbers >= 1/);
    expect(() => parseGridFlags([], { samples: [] })).toThrow(/grid axis "samples" has no values/);
  });

  it('invalid values fail validation of the resolved compute, naming the field and its flag', () => {
    expect(() => expandGrid(parseGridFlags(['reasoningEffort=extreme']), resolve)).toThrow(/field "sampling.reasoningEffort" \(reasoningEffort, --reasoning-effort\)/);
  });

  it('takes a group path for an axis and labels it by its flat name, as earlier runs did', () => {
    const { points } = expandGrid(parseGridFlags(['sampling.reasoningEffort=low,high', 'strategy.samples=1,4'], { 'strategy.revisions': [0, 1] }), resolve);
    expect(points.map((p) => p.label)).toEqual(['revisions=0 reasoningEffort=low', 'revisions=0 reasoningEffort=high', 'revisions=1 reasoningEffort=low', 'revisions=1 reasoningEffort=high']);
    expect(points[3]!.compute.strategy).toMatchObject({ samples: 4, revisions: 1 });
    // a flag and a file entry for the same axis, spelt two ways: the flag wins
    expect(parseGridFlags(['sampling.temperature=1'], { temperature: [0, 0.5] })).toEqual([{ key: 'temperature', values: [1] }]);
  });
});
