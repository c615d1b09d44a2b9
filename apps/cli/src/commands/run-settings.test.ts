import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCompute } from '@crucible/core';
import { describeCompute, resolveCommon } from './run-settings.js';

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
