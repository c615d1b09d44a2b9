import { describe, expect, it } from 'vitest';
import { emptyUsage, parseCompute } from '@crucible/core';
import { EpisodeBudget } from './budget.js';

const used = (promptTokens: number, completionTokens: number) => ({ ...emptyUsage(), calls: 1, promptTokens, completionTokens });

describe('trajectory limits', () => {
  it('maxSteps is per sample and ends it with max_steps', () => {
    const budget = new EpisodeBudget(parseCompute({ maxSteps: 3 })).sample();
    expect(budget.exceeded(2)).toBeUndefined();
    expect(budget.exceeded(3)).toBe('max_steps');
  });

  it('per-sample tokens count prompt and completion tokens and end that sample (not its siblings) with token_budget', () => {
    const episode = new EpisodeBudget(parseCompute({ limits: { perSample: { maxTokens: 100 } } }));
    const first = episode.sample();
    const second = episode.sample();
    first.charge(used(60, 39));
    expect(first.exceeded(1)).toBeUndefined();
    first.charge(used(0, 1));
    expect(first.exceeded(1)).toBe('token_budget');
    expect(second.exceeded(1)).toBeUndefined();
    const unlimited = new EpisodeBudget(parseCompute({})).sample();
    unlimited.charge(used(1e6, 1e6));
    expect(unlimited.exceeded(1)).toBeUndefined();
  });

  it('per-episode tokens are shared: what one sample spends counts for all', () => {
    const episode = new EpisodeBudget(parseCompute({ maxEpisodeTokens: 100 }));
    const first = episode.sample();
    const second = episode.sample();
    first.charge(used(50, 0));
    second.charge(used(50, 0));
    expect(first.exceeded(1)).toBe('token_budget');
    expect(second.exceeded(1)).toBe('token_budget');
  });

  it('per-sample seconds end the sample with time_limit; the tighter of both wall limits holds', async () => {
    expect(new EpisodeBudget(parseCompute({})).sample().remainingMs()).toBeUndefined();
    expect(new EpisodeBudget(parseCompute({ maxSampleSeconds: 2, maxEpisodeSeconds: 5 })).sample().remainingMs()).toBeLessThanOrEqual(2000);
    expect(new EpisodeBudget(parseCompute({ maxSampleSeconds: 9, maxEpisodeSeconds: 5 })).sample().remainingMs()).toBeGreaterThan(2000);
    expect(new EpisodeBudget(parseCompute({ maxSampleSeconds: 9, maxEpisodeSeconds: 5 })).sample().remainingMs()).toBeLessThanOrEqual(5000);
    const budget = new EpisodeBudget(parseCompute({ maxSampleSeconds: 0.05 })).sample();
    expect(budget.remainingMs()).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 80));
    expect(budget.exceeded(0)).toBe('time_limit');
    expect(budget.remainingMs()).toBe(0);
  });
});
