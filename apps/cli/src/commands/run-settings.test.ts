import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCompute } from '@crucible/core';
import { checkSelection, describeCompute, resolveCommon } from './run-settings.js';

// Environments are discovered from the workspace, as `crucible run` does from a checkout.
const workspace = fileURLToPath(new URL('../../../../', import.meta.url));

describe('--allow-setup-network', () => {
  it("sets the environment's allowSetupNetwork, like --env-config allowSetupNetwork=true", async () => {
    const off = await resolveCommon({ env: 'code-repo', model: 'sim' }, workspace);
    expect(off.envConfig).toMatchObject({ allowSetupNetwork: false });
    const on = await resolveCommon({ env: 'code-repo', model: 'sim', allowSetupNetwork: true }, workspace);
    expect(on.envConfig).toMatchObject({ allowSetupNetwork: true });
  });

  it('is refused, naming the field, by an environment without setup commands', async () => {
    await expect(resolveCommon({ env: 'math', model: 'sim', allowSetupNetwork: true }, workspace)).rejects.toMatchObject({ family: 'user', message: expect.stringContaining('allowSetupNetwork') });
  });
});

describe('--aggregate best without --judge is asked per task', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  const best = [parseCompute({ samples: 4, aggregate: 'best' })];

  /** The built-in suite as a dataset, its instances without visible tests from `strip` on. */
  async function dataset(strip: number): Promise<string[]> {
    // loaded as the CLI loads environments: lazily
    const { defaultSuite } = await import('@crucible/env-code-repo');
    const suite = await defaultSuite();
    const lines = (await readFile(suite.datasetPath, 'utf8')).trim().split('\n').map((l, i) => {
      const inst = JSON.parse(l) as Record<string, unknown>;
      if (i >= strip) delete inst['visible_tests'];
      return JSON.stringify(inst);
    });
    const dir = await mkdtemp(join(tmpdir(), 'crucible-cli-best-'));
    dirs.push(dir);
    await writeFile(join(dir, 'tasks.jsonl'), `${lines.join('\n')}\n`);
    return ['dataset=' + join(dir, 'tasks.jsonl'), 'repos=' + suite.repos];
  }

  async function settings(envConfig: string[]) {
    return resolveCommon({ env: 'code-repo', model: 'sim', envConfig: Object.fromEntries(envConfig.map((kv) => kv.split(/=(.*)/s).slice(0, 2) as [string, string])) }, workspace);
  }

  it('passes code-repo tasks that have visible tests (their sessions verify)', async () => {
    await expect(checkSelection(await settings(await dataset(Infinity)), best, undefined, workspace)).resolves.toBeUndefined();
  });

  it('refuses code-repo tasks without visible tests, naming them, unless a judge ranks them', async () => {
    const s = await settings(await dataset(0));
    await expect(checkSelection(s, best, undefined, workspace)).rejects.toMatchObject({ code: 'invalid_flag', message: expect.stringMatching(/--aggregate best needs a way to rank samples, and no task of environment "code-repo" has a verify\(\)/) });
    await expect(checkSelection(s, best, 'sim', workspace)).resolves.toBeUndefined();
    // vote needs no ranking
    await expect(checkSelection(s, [parseCompute({ samples: 4 })], undefined, workspace)).resolves.toBeUndefined();
  });

  it('refuses a dataset where only some tasks can verify, saying how many cannot', async () => {
    const s = await settings(await dataset(2));
    await expect(checkSelection(s, best, undefined, workspace)).rejects.toMatchObject({ message: expect.stringMatching(/\d+ of \d+ tasks of environment "code-repo" have a verify\(\)/) });
  });
});

describe('point labels', () => {
  it('read as in earlier runs, whichever way the settings were written', () => {
    expect(describeCompute(parseCompute({}))).toBe('samples=1');
    const flat = parseCompute({ samples: 4, aggregate: 'vote', reasoningEffort: 'high', thinkingTokens: 1024, budgetForcing: 'stop', temperature: 0.7, revisions: 1, adaptive: { confidence: 0.9 } });
    const grouped = parseCompute({ strategy: { samples: 4, revisions: 1, adaptive: { confidence: 0.9 } }, sampling: { reasoningEffort: 'high', thinkingTokens: 1024, budgetForcing: 'stop', temperature: 0.7 } });
    expect(describeCompute(flat)).toBe('samples=4 aggregate=vote effort=high thinking=1024 forcing=stop T=0.7 revisions=1 adaptive=0.9');
    expect(describeCompute(grouped)).toBe(describeCompute(flat));
    // limits and transport are not part of the label, as before
    expect(describeCompute(parseCompute({ samples: 2, maxSampleTokens: 100, maxEpisodeSeconds: 5, batch: false }))).toBe('samples=2 aggregate=vote');
  });
});
