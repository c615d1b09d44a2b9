import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveCommon } from './run-settings.js';

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
