import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { coerceValues, readConfigFile } from './config-file.js';
import { addComputeFlags, resolveCompute } from './compute-flags.js';
import { checkModelFlags, resolveModelFlags } from './model-flags.js';
import { intArg } from './parsers.js';
import { expandGrid, parseGridFlags } from '../commands/sweep-grid.js';

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'crucible-cfg-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('config file', () => {
  it('reads a valid file', async () => {
    const dir = await tempDir();
    const file = join(dir, 'c.json');
    await writeFile(file, JSON.stringify({ env: 'math', compute: { samples: 4 }, budget: { maxTokens: 1000 } }));
    expect(await readConfigFile(file)).toMatchObject({ env: 'math', compute: { samples: 4 } });
  });

  it('names file:line for a JSON syntax error and the field for a schema error', async () => {
    const dir = await tempDir();
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{\n  "env": "math",\n  "tasks": 5,,\n}');
    await expect(readConfigFile(bad)).rejects.toThrow(/bad\.json:3: not valid JSON/);
    const wrong = join(dir, 'wrong.json');
    await writeFile(wrong, JSON.stringify({ tasks: 'five' }));
    await expect(readConfigFile(wrong)).rejects.toThrow(/wrong\.json: field "tasks"/);
    const unknown = join(dir, 'unknown.json');
    await writeFile(unknown, JSON.stringify({ taks: 5 }));
    await expect(readConfigFile(unknown)).rejects.toThrow(/unknown\.json/);
    await expect(readConfigFile(join(dir, 'missing.json'))).rejects.toThrow(/cannot read config file.*ENOENT/);
  });

  it('names the file for an unknown compute key, and reads the example sweep file as written', async () => {
    const dir = await tempDir();
    const file = join(dir, 'typo.json');
    await writeFile(file, JSON.stringify({ compute: { strategy: { samples: 4 }, reasoningEfort: 'low' } }));
    await expect(readConfigFile(file)).rejects.toThrow(/typo\.json: compute field "reasoningEfort" is not a compute setting \(did you mean "reasoningEffort"\?\)/);
    const example = await readConfigFile(fileURLToPath(new URL('../../../../examples/math-sweep.config.json', import.meta.url)));
    expect(resolveCompute(example.compute, {}).strategy).toMatchObject({ samples: 4, aggregate: 'vote' });
    const { points, poolOf } = expandGrid(parseGridFlags([], example.grid), (o) => resolveCompute(example.compute, {}, o));
    expect(poolOf).toEqual([1, 2, 4]);
    expect(points.map((p) => [p.label, p.compute.sampling.reasoningEffort, p.compute.strategy.samples])).toEqual([
      ['reasoningEffort=low', 'low', 4],
      ['reasoningEffort=high', 'high', 4],
    ]);
  });

  it('coerces key=value strings', () => {
    expect(coerceValues({ a: '3', b: 'true', c: '[1,2]', d: 'text', e: '-1.5' })).toEqual({ a: 3, b: true, c: [1, 2], d: 'text', e: -1.5 });
  });
});

describe('compute flags', () => {
  it('flags win over the file, defaults fill the rest', () => {
    const c = resolveCompute({ samples: 2, temperature: 0.5 }, { samples: 8, adaptive: '0.9', minSamples: 3, batch: false });
    expect(c).toMatchObject({
      strategy: { samples: 8, adaptive: { confidence: 0.9, minSamples: 3 }, aggregate: 'vote' },
      sampling: { temperature: 0.5 },
      transport: { batch: false, maxN: 128 },
    });
    // the file in groups, the flag flat: still per setting
    expect(resolveCompute({ strategy: { samples: 2, revisions: 1 }, transport: { batch: false } }, { samples: 8, batch: true })).toMatchObject({ strategy: { samples: 8, revisions: 1 }, transport: { batch: false } });
  });

  it('puts every compute flag in its group', () => {
    const c = resolveCompute(undefined, {
      samples: 4, aggregate: 'first', adaptive: true, revisions: 2, reasoningEffort: 'high', maxTokens: 300, thinkingTokens: 900, budgetForcing: 'wait', maxWaits: 3,
      temperature: 0.3, batch: false, maxN: 16, maxSteps: 7, maxSampleTokens: 5000, maxSampleSeconds: 20, maxEpisodeTokens: 9000, maxEpisodeSeconds: 60,
    });
    expect(c).toEqual({
      strategy: { samples: 4, aggregate: 'first', adaptive: { confidence: 0.95, minSamples: 2 }, revisions: 2 },
      sampling: { reasoningEffort: 'high', thinkingTokens: 900, budgetForcing: 'wait', maxWaits: 3, maxTokens: 300, temperature: 0.3 },
      limits: { perSample: { maxSteps: 7, maxTokens: 5000, maxSeconds: 20 }, perEpisode: { maxTokens: 9000, maxSeconds: 60 } },
      transport: { batch: false, maxN: 16 },
    });
  });

  it('parses --max-sample-tokens and --max-sample-seconds', async () => {
    const { Command } = await import('commander');
    const cmd = addComputeFlags(new Command()).exitOverride();
    cmd.parse(['--max-sample-tokens', '800', '--max-sample-seconds', '1.5', '--samples', '4'], { from: 'user' });
    expect(resolveCompute(undefined, cmd.opts()).limits.perSample).toEqual({ maxSteps: 30, maxTokens: 800, maxSeconds: 1.5 });
  });

  it('says which field is wrong, with its flat name and flag', () => {
    expect(() => resolveCompute({ samples: 0 }, {})).toThrow(/compute settings field "strategy.samples" \(samples, --samples\)/);
    expect(() => resolveCompute(undefined, { aggregate: 'mean' })).toThrow(/field "strategy.aggregate" \(aggregate, --aggregate\)/);
    expect(() => resolveCompute({ sampels: 4 }, {})).toThrow(/config file compute field "sampels" is not a compute setting \(did you mean "samples"\?\)/);
    expect(() => resolveCompute({ samples: 2, strategy: { samples: 4 } }, {})).toThrow(/config file compute: "samples" and "strategy.samples" both set strategy.samples/);
  });

  it('integer flags reject junk', () => {
    expect(intArg(1)('12')).toBe(12);
    expect(() => intArg(1)('1.5')).toThrow(/whole number/);
    expect(() => intArg(1, 10)('11')).toThrow(/from 1 to 10/);
  });
});

describe('model flags', () => {
  it('map to client options and sim settings', () => {
    expect(resolveModelFlags({ idleTimeout: 2.5, stream: false, api: 'responses', thinkTags: '<reason>,</reason>', thinkingField: 'anthropic', simThinking: 'think-tags', simTokensPerSecond: 100 })).toEqual({
      client: { idleTimeoutMs: 2500, stream: false, api: 'responses', thinkTags: { open: '<reason>', close: '</reason>' }, thinkingField: 'anthropic' },
      sim: { thinking: 'think-tags', tokensPerSecond: 100 },
    });
    expect(resolveModelFlags({ thinkTags: 'off' }).client.thinkTags).toBeNull();
    expect(resolveModelFlags({}).client).toEqual({});
  });

  it('refuse bad values with what to do', () => {
    expect(() => resolveModelFlags({ api: 'completions' })).toThrow(/--api "completions" is not chat or responses/);
    expect(() => resolveModelFlags({ thinkTags: '<think>' })).toThrow(/--think-tags "<think>" is not OPEN,CLOSE/);
    expect(() => resolveModelFlags({ simThinking: 'loud' })).toThrow(/--sim-thinking "loud"/);
    const forcing = resolveCompute(undefined, { thinkingTokens: 1024, budgetForcing: 'stop' });
    expect(() => checkModelFlags({ api: 'responses' }, [forcing])).toThrow(/Responses API does not have/);
    expect(() => checkModelFlags({ api: 'chat' }, [forcing])).not.toThrow();
  });
});
