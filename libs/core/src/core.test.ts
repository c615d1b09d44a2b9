import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canonicalJson } from './canonical-json.js';
import { defineEnvironment } from './environment.js';
import { CrucibleError, isCrucibleError } from './errors.js';
import { hashOf, stableId } from './ids.js';
import { addUsage, costOf, emptyUsage } from './usage.js';

describe('ids', () => {
  it('hash canonical JSON, so key order does not matter', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe('{"a":{"c":[3,{"e":2,"f":1}],"d":2},"b":1}');
    expect(stableId('ep', { a: 1, b: 2 })).toBe(stableId('ep', { b: 2, a: 1 }));
    expect(stableId('ep', { a: 1 })).not.toBe(stableId('ep', { a: 2 }));
    expect(hashOf({ a: undefined, b: 1 })).toBe(hashOf({ b: 1 }));
  });
});

describe('CrucibleError', () => {
  it('carries code, family and retryability', () => {
    const user = new CrucibleError('invalid_flag', 'bad --tasks', { hint: 'pass a number' });
    expect(user.family).toBe('user');
    expect(user.retryable).toBe(false);
    expect(user.toLine()).toBe('bad --tasks (pass a number)');
    const infra = new CrucibleError('rate_limited', '429');
    expect(infra.family).toBe('infra');
    expect(infra.retryable).toBe(true);
    expect(isCrucibleError(infra, 'infra')).toBe(true);
    expect(isCrucibleError(infra, 'user')).toBe(false);
    expect(new CrucibleError('invalid_action', 'x').family).toBe('model');
  });
});

describe('defineEnvironment', () => {
  const base = {
    name: 'ok-env',
    version: '1.0.0',
    description: 'd',
    mode: 'multi-turn' as const,
    config: z.object({}),
    tools: { submit: { description: 's', input: z.object({}) } },
    system: () => '',
    tasks: () => [],
    open: async () => {
      throw new Error('unused');
    },
  };
  it('accepts a valid definition', () => {
    expect(defineEnvironment(base).name).toBe('ok-env');
  });
  it('rejects a bad name, version and missing answer tool with one clear error', () => {
    expect(() => defineEnvironment({ ...base, name: 'Bad Name', version: 'x', mode: 'single-turn' })).toThrow(/kebab-case.*semver.*answerTool/);
  });
});

describe('usage and cost', () => {
  it('adds usage and prices cached tokens at the cached rate', () => {
    const u = addUsage(emptyUsage(), { calls: 1, promptTokens: 1000, completionTokens: 500, cachedTokens: 400, reasoningTokens: 100 });
    expect(u.calls).toBe(1);
    expect(costOf(u, { input: 2, cachedInput: 0.5, output: 8 })).toBeCloseTo((600 * 2 + 400 * 0.5 + 500 * 8) / 1e6, 12);
  });
});
