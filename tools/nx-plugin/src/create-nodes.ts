import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CreateNodes, TargetConfiguration } from '@nx/devkit';

/** Options of the plugin in nx.json. */
export interface CruciblePluginOptions {
  /** Name of the inferred target (default `eval`). */
  targetName?: string;
  /** Tasks per eval run (default 20). */
  tasks?: number;
}

/**
 * Every package whose package.json says `"crucible": { "environment": true }` gets an `eval` target:
 * a small evaluation on the model named by CRUCIBLE_MODEL (default: the offline sim). It is cached on the
 * package's files and the model variables, so an unchanged environment is not evaluated twice.
 */
export const createNodes: CreateNodes<CruciblePluginOptions> = [
  '**/package.json',
  async (files, options, context) =>
    files.flatMap((file) => {
      if (file.includes('node_modules') || file === 'package.json') return [];
      let manifest: { name?: string; crucible?: { environment?: boolean; name?: string } };
      try {
        manifest = JSON.parse(readFileSync(join(context.workspaceRoot, file), 'utf8'));
      } catch {
        return [];
      }
      if (!manifest.crucible?.environment) return [];
      const root = dirname(file);
      const envName = manifest.crucible.name ?? String(manifest.name).replace(/^@[^/]+\//, '').replace(/^env-/, '');
      const target: TargetConfiguration = {
        // A cache miss means the environment changed: start the run afresh rather than resume the old one.
        command: `rm -rf runs/nx/${envName}-eval && node apps/cli/bin/crucible.js run --env ${envName} --model \${CRUCIBLE_MODEL:-sim} --tasks ${options?.tasks ?? 20} --out runs/nx --run-id ${envName}-eval`,
        options: { cwd: '{workspaceRoot}' },
        cache: true,
        inputs: ['default', '^default', { env: 'CRUCIBLE_MODEL' }, { env: 'OPENAI_BASE_URL' }],
        outputs: [`{workspaceRoot}/runs/nx/${envName}-eval`],
        metadata: { description: `Evaluate the ${envName} environment (CRUCIBLE_MODEL, default sim)` },
      };
      return [[file, { projects: { [root]: { targets: { [options?.targetName ?? 'eval']: target } } } }]] as const;
    }),
];
