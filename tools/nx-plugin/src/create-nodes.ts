import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { CreateNodes, TargetConfiguration } from '@nx/devkit';
import { evalRunDir, type EvalMode } from './eval/eval-plan';
import { findCli, harnessProjects, type WorkspaceManifest } from './eval/harness-projects';

/** Options of the plugin in nx.json. */
export interface CruciblePluginOptions {
  /** Name of the inferred target (default `eval`); the never-cached one is `<targetName>-live`. */
  targetName?: string;
  /** Tasks per eval run (default 20). */
  tasks?: number;
  /** A dataset per environment name, relative to the workspace root: passed as `--dataset`, and an input. */
  datasets?: Record<string, string>;
  /** Where the cassettes live, one folder per environment name (default `cassettes`): an input when replayed. */
  cassettes?: string;
}

interface Manifest {
  name?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  bin?: string | Record<string, string>;
  crucible?: { environment?: boolean; name?: string };
}

/** This plugin's package directory, relative to the workspace root: the targets run its `src/eval/run-eval.ts`. */
function pluginRoot(workspaceRoot: string): string {
  return relative(workspaceRoot, join(__dirname, '..')).split('\\').join('/');
}

/**
 * Every package whose package.json says `"crucible": { "environment": true }` gets two targets:
 *
 * - `eval`, cached: a small evaluation on the sim (or on a replayed cassette). Its inputs are everything that
 *   changes the result: the environment package and its dependencies, every workspace package the `crucible` CLI
 *   loads (from the package.json dependency graph) and this plugin, the lock file and tsconfig (sharedGlobals),
 *   the dataset named in the options, the environment's cassette, Node's version, CRUCIBLE_MODEL, OPENAI_BASE_URL,
 *   CRUCIBLE_EVAL_CACHE, and the flags given to `nx run` (Nx hashes a task's arguments). It refuses a live model.
 * - `eval-live`, never cached: the same run against a real endpoint (CRUCIBLE_MODEL, OPENAI_BASE_URL).
 */
export const createNodes: CreateNodes<CruciblePluginOptions> = [
  '**/package.json',
  async (files, options, context) => {
    const manifests = files.flatMap((file) => {
      if (file.includes('node_modules')) return [];
      try {
        return [{ file, manifest: JSON.parse(readFileSync(join(context.workspaceRoot, file), 'utf8')) as Manifest }];
      } catch {
        return [];
      }
    });
    const workspace: WorkspaceManifest[] = manifests.flatMap(({ file, manifest }) => {
      if (!manifest.name) return [];
      const root = dirname(file);
      const bin = typeof manifest.bin === 'string' ? { [manifest.name.replace(/^@[^/]+\//, '')]: manifest.bin } : (manifest.bin ?? {});
      const deps = [manifest.dependencies, manifest.devDependencies, manifest.peerDependencies].flatMap((d) => Object.keys(d ?? {}));
      return [{ name: manifest.name, root, deps, bins: Object.fromEntries(Object.entries(bin).map(([k, v]) => [k, join(root, v).split('\\').join('/')])) }];
    });
    const cli = findCli(workspace);
    if (!cli) return [];
    const plugin = pluginRoot(context.workspaceRoot);
    const pluginProject = workspace.find((m) => m.root === plugin)?.name;
    const harness = [...new Set([...harnessProjects(workspace, cli.name), ...(pluginProject ? [pluginProject] : [])])].sort();
    const targetName = options?.targetName ?? 'eval';
    const cassettes = options?.cassettes ?? 'cassettes';

    return manifests.flatMap(({ file, manifest }) => {
      if (file === 'package.json' || !manifest.crucible?.environment) return [];
      const root = dirname(file);
      const project = manifest.name ?? root;
      const envName = manifest.crucible.name ?? String(manifest.name).replace(/^@[^/]+\//, '').replace(/^env-/, '');
      const dataset = options?.datasets?.[envName];
      const cassette = `${cassettes}/${envName}`;
      const command = (mode: EvalMode) =>
        [
          `node --import tsx ${plugin}/src/eval/run-eval.ts --mode ${mode} --env ${envName} --project ${project} --cli ${cli.bin} --cassette ${cassette}`,
          dataset ? `--dataset ${dataset}` : '',
          `-- --tasks ${options?.tasks ?? 20}`,
        ]
          .filter(Boolean)
          .join(' ');
      const cached: TargetConfiguration = {
        command: command('cached'),
        options: { cwd: '{workspaceRoot}' },
        cache: true,
        inputs: [
          'production',
          '^production',
          { input: 'production', projects: harness },
          ...(dataset ? [`{workspaceRoot}/${dataset}`] : []),
          `{workspaceRoot}/${cassette}/**/*`,
          { runtime: 'node --version' },
          { env: 'CRUCIBLE_MODEL' },
          { env: 'OPENAI_BASE_URL' },
          { env: 'CRUCIBLE_EVAL_CACHE' },
        ],
        outputs: [`{workspaceRoot}/${evalRunDir(envName, 'cached')}`],
        metadata: {
          description: `Evaluate the ${envName} environment on the sim or a replayed cassette (cached; CRUCIBLE_MODEL, CRUCIBLE_EVAL_CACHE=replay)`,
        },
      };
      const live: TargetConfiguration = {
        command: command('live'),
        options: { cwd: '{workspaceRoot}' },
        cache: false,
        metadata: { description: `Evaluate the ${envName} environment on CRUCIBLE_MODEL at OPENAI_BASE_URL (never cached)` },
      };
      return [[file, { projects: { [root]: { targets: { [targetName]: cached, [`${targetName}-live`]: live } } } }]] as const;
    });
  },
];
