import { describe, expect, it } from 'vitest';
import { emptyUsage, parseCompute } from '@crucible/core';
import { EpisodeBudget, wallLimitMs } from './budget.js';

const used = (promptTokens: number, completionTokens: number) => ({ ...emptyUsage(), calls: 1, promptTokens, completionTokens });

describe('trajectory limits', () => {
  it('maxSteps is per sample and ends it with max_steps', () => {
    const budget = new EpisodeBudget(parseCompute({ maxSteps: 3 }));
    expect(budget.exceeded(2, emptyUsage())).toBeUndefined();
    expect(budget.exceeded(3, emptyUsage())).toBe('max_steps');
  });

  it('per-sample tokens count prompt and completion tokens and end the sample with token_budget', () => {
    const budget = new EpisodeBudget(parseCompute({ limits: { perSample: { maxTokens: 100 } } }));
    expect(budget.exceeded(1, used(60, 39))).toBeUndefined();
    expect(budget.exceeded(1, used(60, 40))).toBe('token_budget');
    expect(new EpisodeBudget(parseCompute({})).exceeded(1, used(1e6, 1e6))).toBeUndefined();
  });

  it('per-sample seconds end the sample with time_limit; the tighter of both wall limits holds', async () => {
    expect(wallLimitMs(parseCompute({}))).toBeUndefined();
    expect(wallLimitMs(parseCompute({ maxSampleSeconds: 2, maxEpisodeSeconds: 5 }))).toBe(2000);
    expect(wallLimitMs(parseCompute({ maxSampleSeconds: 9, maxEpisodeSeconds: 5 }))).toBe(5000);
    const budget = new EpisodeBudget(parseCompute({ maxSampleSeconds: 0.05 }));
    expect(budget.remainingMs()).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 80));
    expect(budget.exceeded(0, emptyUsage())).toBe('time_limit');
    expect(budget.remainingMs()).toBe(0);
  });
});
