import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ComputeSchema, defineEnvironment, stableId } from '@crucible/core';
import { planEpisodes } from './plan.js';
import { ResourceLimits } from './resource-limits.js';
import { inShard, parseShard } from './shard.js';

const env = defineEnvironment({
  name: 'plan-env',
  version: '1.0.0',
  description: '',
  mode: 'multi-turn',
  config: z.object({}),
  tools: { submit: { description: '', input: z.object({}) } },
  system: () => '',
  tasks: () => [],
  open: async () => {
    throw new Error('unused');
  },
});
const tasks = Array.from({ length: 50 }, (_, i) => ({ id: `t${i}`, prompt: '' }));
const points = [
  { label: 'a', compute: ComputeSchema.parse({}) },
  { label: 'b', compute: ComputeSchema.parse({ strategy: { samples: 4 } }) },
];
const ctx = { env, envConfig: {}, model: { name: 'fake-model' }, seed: 1 };

describe('planEpisodes', () => {
  it('gives deterministic, unique ids that depend on what defines the episode', () => {
    const a = [...planEpisodes(ctx, tasks, points, 2)];
    const b = [...planEpisodes(ctx, tasks, points, 2)];
    expect(a).toHaveLength(200);
    expect(a.map((s) => s.id)).toEqual(b.map((s) => s.id));
    expect(new Set(a.map((s) => s.id)).size).toBe(200);
    const otherSeed = [...planEpisodes({ ...ctx, seed: 2 }, tasks, points, 2)];
    expect(otherSeed[0]!.id).not.toBe(a[0]!.id);
  });

  it('hashes compute under the flat names, so ids are those of runs recorded before the groups', () => {
    const [first] = [...planEpisodes(ctx, tasks.slice(0, 1), points.slice(1), 1)];
    // the flat compute a record of such a run stored for `--samples 4`
    const flat = { samples: 4, aggregate: 'vote', adaptive: false, revisions: 0, batch: true, maxN: 128, maxSteps: 30 };
    expect(first!.id).toBe(stableId('ep', { env: 'plan-env', envVersion: '1.0.0', envConfig: {}, task: 't0', model: 'fake-model', compute: flat, epoch: 0, seed: 1 }));
  });
});

describe('shards', () => {
  it('partition the plan: every episode in exactly one shard', () => {
    const ids = [...planEpisodes(ctx, tasks, points, 2)].map((s) => s.id);
    const shards = [1, 2, 3].map((i) => ids.filter((id) => inShard(id, { index: i, count: 3 })));
    expect(shards.reduce((n, s) => n + s.length, 0)).toBe(ids.length);
    expect(new Set(shards.flat()).size).toBe(ids.length);
    for (const s of shards) expect(s.length).toBeGreaterThan(40);
  });
  it('parses i/n and rejects nonsense', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('5/4')).toThrow(/--shard/);
    expect(() => parseShard('x')).toThrow(/i\/n/);
  });
});

describe('ResourceLimits', () => {
  it('never runs more than the limit of a resource at once', async () => {
    const limits = new ResourceLimits({ sandbox: 2 });
    let inFlight = 0;
    let max = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        limits.run(['sandbox', 'unlimited'], async () => {
          max = Math.max(max, ++inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight--;
        }),
      ),
    );
    expect(max).toBe(2);
  });
});
