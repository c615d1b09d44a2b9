import { describe, expect, it } from 'vitest';
import { ComputeSchema } from '@crucible/core';
import { expandGrid, parseGridFlags } from './sweep-grid.js';

const resolve = (overrides: Record<string, unknown>) => ComputeSchema.parse(overrides);

describe('sweep grid', () => {
  it('folds the samples axis into one pool of the largest N and crosses the other axes', () => {
    const axes = parseGridFlags(['samples=1,2,4,8', 'reasoningEffort=low,high', 'temperature=0.2,1']);
    const { points, poolOf } = expandGrid(axes, resolve);
    expect(poolOf).toEqual([1, 2, 4, 8]);
    expect(points).toHaveLength(4);
    expect(points.every((p) => p.compute.samples === 8)).toBe(true);
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
    expect(points[5]!.compute).toMatchObject({ thinkingTokens: 16384, budgetForcing: 'stop' });
  });

  it('a samples-only grid is one point', () => {
    const { points } = expandGrid(parseGridFlags(['samples=16,1,4']), resolve);
    expect(points).toEqual([{ label: 'samples<=16', compute: expect.objectContaining({ samples: 16 }) }]);
  });

  it('rejects unknown axes, empty values and bad sample counts with the flag named', () => {
    expect(() => parseGridFlags(['topP=0.9'])).toThrow(/--grid axis "topP"/);
    expect(() => parseGridFlags(['samples='])).toThrow(/no values/);
    expect(() => parseGridFlags(['samples'])).toThrow(/key=v1,v2/);
    expect(() => expandGrid(parseGridFlags(['samples=0,2']), resolve)).toThrow(/whole numbers >= 1/);
    expect(() => parseGridFlags([], { samples: [] })).toThrow(/grid axis "samples" has no values/);
  });

  it('invalid values fail validation of the resolved compute', () => {
    expect(() => expandGrid(parseGridFlags(['reasoningEffort=extreme']), resolve)).toThrow();
  });
});
