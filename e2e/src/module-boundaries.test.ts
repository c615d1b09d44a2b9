import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli.js';

// The lint rule that keeps the test double out of the production path (eslint.config.mjs): core, agent and
// orchestrator may import neither @crucible/sim nor an environment's `testing` subpath; the CLI may.
const eslint = new ESLint({ cwd: ROOT });

async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries', () => {
  const imports = [
    "import { startSimServer } from '@crucible/sim';\nexport const s = startSimServer;\n",
    "import { scripts } from '@crucible/env-math/testing';\nexport const s = scripts;\n",
  ];

  it.each(['libs/core/src', 'libs/agent/src', 'libs/orchestrator/src'])('refuses the sim and environment scripts in %s', async (dir) => {
    for (const source of imports) {
      const errors = await boundaryErrors(`${dir}/probe-boundary.ts`, source);
      // A tag constraint, or for core (which the sim itself depends on) a cycle: either way the import is an error.
      expect(errors.length, source).toBeGreaterThan(0);
      for (const e of errors) expect(e, source).toMatch(/can only depend on libs tagged|cannot depend on libs tagged|Circular dependency/);
    }
  });

  it('lets the CLI wire the sim in', async () => {
    expect(await boundaryErrors('apps/cli/src/probe-boundary.ts', imports[0]!)).toEqual([]);
  });
});
