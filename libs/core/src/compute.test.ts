import { describe, expect, it } from 'vitest';
import { ComputeSchema } from './compute.js';
import { computeFromFlat, flattenCompute, parseCompute, StoredComputeSchema } from './compute-flat.js';
import { isCrucibleError } from './errors.js';

/** The error a call throws (fails the test when it does not throw). */
function thrown(fn: () => unknown): Error & { code?: string; hint?: string } {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

describe('compute schema', () => {
  it('fills every group with its defaults, so {} is the default setting', () => {
    expect(ComputeSchema.parse({})).toEqual({
      strategy: { samples: 1, aggregate: 'vote', adaptive: false, revisions: 0 },
      sampling: {},
      limits: { perSample: { maxSteps: 30 }, perEpisode: {} },
      transport: { batch: true, maxN: 128 },
    });
    const four = ComputeSchema.parse({ strategy: { samples: 4 } });
    expect(four.strategy).toEqual({ samples: 4, aggregate: 'vote', adaptive: false, revisions: 0 });
    expect(four.limits.perSample.maxSteps).toBe(30);
    expect(ComputeSchema.parse({ strategy: { adaptive: {} } }).strategy.adaptive).toEqual({ confidence: 0.95, minSamples: 2 });
  });

  it('is strict at every level', () => {
    expect(ComputeSchema.safeParse({ samples: 3 }).success).toBe(false);
    expect(ComputeSchema.safeParse({ strategy: { sampels: 3 } }).success).toBe(false);
    expect(ComputeSchema.safeParse({ limits: { perSample: { maxStep: 3 } } }).success).toBe(false);
    expect(ComputeSchema.safeParse({ strategy: { aggregate: 'mean' } }).success).toBe(false);
  });

  it('takes a thinking budget, and refuses budget forcing without one', () => {
    expect(ComputeSchema.parse({ sampling: { thinkingTokens: 4096, budgetForcing: 'wait', maxWaits: 3 } }).sampling).toEqual({ thinkingTokens: 4096, budgetForcing: 'wait', maxWaits: 3 });
    // absent, not defaulted: episode ids of runs without thinking settings stay as they were
    expect('thinkingTokens' in ComputeSchema.parse({}).sampling).toBe(false);
    const bad = ComputeSchema.safeParse({ sampling: { budgetForcing: 'stop' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['sampling', 'budgetForcing'], message: expect.stringMatching(/needs thinkingTokens \(sampling.thinkingTokens/) });
    expect(ComputeSchema.safeParse({ sampling: { budgetForcing: 'off' } }).success).toBe(true);
  });
});

describe('flat names onto the groups', () => {
  // Written out by hand (not derived from the mapping table), so a wrong row in the table fails here.
  const cases: Array<[string, unknown, string[]]> = [
    ['samples', 4, ['strategy', 'samples']],
    ['aggregate', 'best', ['strategy', 'aggregate']],
    ['adaptive', { confidence: 0.9, minSamples: 3 }, ['strategy', 'adaptive']],
    ['revisions', 2, ['strategy', 'revisions']],
    ['reasoningEffort', 'high', ['sampling', 'reasoningEffort']],
    ['thinkingTokens', 1024, ['sampling', 'thinkingTokens']],
    ['budgetForcing', 'off', ['sampling', 'budgetForcing']],
    ['maxWaits', 3, ['sampling', 'maxWaits']],
    ['maxTokens', 512, ['sampling', 'maxTokens']],
    ['temperature', 0.7, ['sampling', 'temperature']],
    ['maxSteps', 5, ['limits', 'perSample', 'maxSteps']],
    ['maxSampleTokens', 900, ['limits', 'perSample', 'maxTokens']],
    ['maxSampleSeconds', 2.5, ['limits', 'perSample', 'maxSeconds']],
    ['maxEpisodeTokens', 5000, ['limits', 'perEpisode', 'maxTokens']],
    ['maxEpisodeSeconds', 60, ['limits', 'perEpisode', 'maxSeconds']],
    ['batch', false, ['transport', 'batch']],
    ['maxN', 16, ['transport', 'maxN']],
  ];

  it.each(cases)('%s goes to its group', (flat, value, path) => {
    const grouped = computeFromFlat({ [flat]: value });
    let nested: unknown = value;
    for (const part of [...path].reverse()) nested = { [part]: nested };
    expect(grouped).toEqual(nested);
    const parsed = parseCompute({ [flat]: value });
    expect(path.reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], parsed)).toEqual(value);
    expect(flattenCompute(parsed)[flat as keyof ReturnType<typeof flattenCompute>]).toEqual(value);
  });

  it('takes dotted paths and the groups, mixed with flat names', () => {
    expect(computeFromFlat({ samples: 4, 'sampling.temperature': 0.5, limits: { perEpisode: { maxSeconds: 9 } } })).toEqual({
      strategy: { samples: 4 },
      sampling: { temperature: 0.5 },
      limits: { perEpisode: { maxSeconds: 9 } },
    });
    // the same value both ways is no conflict
    expect(computeFromFlat({ samples: 4, strategy: { samples: 4 } })).toEqual({ strategy: { samples: 4 } });
  });

  it('flattens to the flat settings earlier records stored, so episode ids and labels stay as they were', () => {
    // compute of a record written before the groups (baselines/math/run/episodes.jsonl)
    expect(flattenCompute(ComputeSchema.parse({}))).toEqual({ samples: 1, aggregate: 'vote', adaptive: false, revisions: 0, batch: true, maxN: 128, maxSteps: 30 });
  });

  it('refuses one setting given two ways with different values, naming both', () => {
    const err = thrown(() => computeFromFlat({ samples: 4, strategy: { samples: 8 } }, 'config.json compute'));
    expect(isCrucibleError(err) && err.code).toBe('invalid_config');
    expect(err.message).toBe('config.json compute: "samples" and "strategy.samples" both set strategy.samples, to 4 and 8');
    expect(err.hint).toMatch(/either the flat name "samples" or the group field/);
    expect(thrown(() => computeFromFlat({ maxEpisodeTokens: 10, 'limits.perEpisode.maxTokens': 20 })).message).toMatch(/"maxEpisodeTokens" and "limits.perEpisode.maxTokens" both set/);
  });

  it('refuses unknown keys, naming the field and the accepted names', () => {
    const top = thrown(() => computeFromFlat({ sampels: 3 }));
    expect(top.message).toBe('compute settings field "sampels" is not a compute setting (did you mean "samples"?)');
    expect(top.hint).toMatch(/^accepted: the flat names samples, aggregate, .*maxSampleTokens.*; or the groups strategy, sampling, limits, transport$/);
    const inner = thrown(() => computeFromFlat({ limits: { perSample: { maxTokes: 3 } } }));
    expect(inner.message).toBe('compute settings field "limits.perSample.maxTokes" is not a compute setting (did you mean "limits.perSample.maxTokens"?)');
    expect(inner.hint).toBe('limits.perSample takes: maxSteps, maxTokens, maxSeconds');
    const group = thrown(() => computeFromFlat({ strategy: 4 }));
    expect(group.message).toBe('compute settings field "strategy" must be an object, not 4');
    expect(group.hint).toBe('give an object with any of: samples, aggregate, adaptive, revisions');
    expect(thrown(() => computeFromFlat({ frobnicate: 1 })).message).toBe('compute settings field "frobnicate" is not a compute setting');
  });

  it('names the group field, its flat name and its flag when a value is wrong', () => {
    const err = thrown(() => parseCompute({ samples: 0 }));
    expect(err.message).toMatch(/^compute settings field "strategy.samples" \(samples, --samples\): /);
    expect(thrown(() => parseCompute({ maxSampleSeconds: -1 })).message).toMatch(/field "limits.perSample.maxSeconds" \(maxSampleSeconds, --max-sample-seconds\)/);
  });

  it('reads stored records of either shape as grouped', () => {
    const legacy = StoredComputeSchema.parse({ samples: 4, aggregate: 'vote', adaptive: false, revisions: 0, batch: true, maxN: 128, maxSteps: 30, maxEpisodeTokens: 100 });
    expect(legacy).toEqual(ComputeSchema.parse({ strategy: { samples: 4 }, limits: { perEpisode: { maxTokens: 100 } } }));
    expect(StoredComputeSchema.parse(ComputeSchema.parse({ strategy: { samples: 2 } })).strategy.samples).toBe(2);
    const bad = StoredComputeSchema.safeParse({ sampels: 1 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/compute field "sampels" is not a compute setting/);
  });
});
