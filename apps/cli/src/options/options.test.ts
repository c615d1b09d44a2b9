import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { coerceValues, readConfigFile } from './config-file.js';
import { resolveCompute } from './compute-flags.js';
import { checkModelFlags, resolveModelFlags } from './model-flags.js';
import { intArg } from './parsers.js';

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

  it('coerces key=value strings', () => {
    expect(coerceValues({ a: '3', b: 'true', c: '[1,2]', d: 'text', e: '-1.5' })).toEqual({ a: 3, b: true, c: [1, 2], d: 'text', e: -1.5 });
  });
});

describe('compute flags', () => {
  it('flags win over the file, defaults fill the rest', () => {
    const c = resolveCompute({ samples: 2, temperature: 0.5 }, { samples: 8, adaptive: '0.9', minSamples: 3, batch: false });
    expect(c).toMatchObject({ samples: 8, temperature: 0.5, adaptive: { confidence: 0.9, minSamples: 3 }, batch: false, aggregate: 'vote' });
  });

  it('says which field is wrong', () => {
    expect(() => resolveCompute({ samples: 0 }, {})).toThrow(/compute settings field "samples"/);
    expect(() => resolveCompute(undefined, { aggregate: 'mean' })).toThrow(/field "aggregate"/);
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
