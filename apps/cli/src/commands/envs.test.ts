import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listEnvironments, loadEnvironment } from '@crucible/orchestrator';

const workspace = fileURLToPath(new URL('../../../../', import.meta.url));

describe('one version per environment', () => {
  it('the definition a run records and the package `crucible envs` lists agree', async () => {
    const envs = await listEnvironments(workspace);
    expect(envs.map((e) => e.name)).toEqual(expect.arrayContaining(['code-repo', 'math']));
    for (const listed of envs) {
      const env = await loadEnvironment(listed.name, workspace);
      expect(env.version, listed.name).toBe(listed.version);
    }
  });
});
