import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CreateNodesContextV2, TargetConfiguration } from '@nx/devkit';
import { describe, expect, it } from 'vitest';
import { createNodes, type CruciblePluginOptions } from './create-nodes';

const root = join(__dirname, '../../..');
/** This workspace's package.json files, as Nx hands them to the plugin. */
const files = ['package.json', ...['apps', 'libs', 'environments', 'tools', '.'].flatMap((dir) =>
  readdirSync(join(root, dir)).map((name) => `${dir === '.' ? '' : `${dir}/`}${name}/package.json`).filter((f) => existsSync(join(root, f))),
)];

async function targets(options: CruciblePluginOptions = {}): Promise<Record<string, Record<string, TargetConfiguration>>> {
  const results = await createNodes[1](files, options, { workspaceRoot: root, nxJsonConfiguration: {} } as CreateNodesContextV2);
  const out: Record<string, Record<string, TargetConfiguration>> = {};
  for (const [, result] of results) for (const [projectRoot, project] of Object.entries(result.projects ?? {})) out[projectRoot] = project.targets ?? {};
  return out;
}

describe('createNodes', () => {
  it('gives each environment a cached eval whose inputs are the whole harness the CLI loads, and a never-cached eval-live', async () => {
    const all = await targets();
    expect(Object.keys(all).sort()).toEqual(['environments/code-repo', 'environments/math']);
    const { eval: cached, 'eval-live': live } = all['environments/math']!;
    expect(cached!.cache).toBe(true);
    expect(cached!.outputs).toEqual(['{workspaceRoot}/runs/nx/math-eval']);
    const projects = cached!.inputs!.flatMap((i) => (typeof i === 'object' && 'projects' in i ? i.projects : []));
    // the CLI and what it loads, though the environment depends on none of it; and the plugin that runs it
    expect(projects).toEqual(expect.arrayContaining(['@crucible/cli', '@crucible/orchestrator', '@crucible/agent', '@crucible/model', '@crucible/report', '@crucible/scoring', '@crucible/core', '@crucible/nx-plugin']));
    expect(projects).not.toContain('@crucible/e2e');
    expect(cached!.inputs).toEqual(
      expect.arrayContaining(['production', '^production', '{workspaceRoot}/cassettes/math/**/*', { env: 'CRUCIBLE_MODEL' }, { env: 'OPENAI_BASE_URL' }, { env: 'CRUCIBLE_EVAL_CACHE' }]),
    );
    expect(cached!.command).toMatch(/run-eval\.ts --mode cached --env math .*--cli apps\/cli\/bin\/crucible\.js .*-- --tasks 20$/);
    expect(live!.cache).toBe(false);
    expect(live!.command).toMatch(/--mode live --env math/);
  });

  it('makes a configured dataset an input and passes it to the run', async () => {
    const math = (await targets({ datasets: { math: 'environments/math/data/gsm8k-sample.jsonl' }, tasks: 5, cassettes: 'ci/cassettes' }))['environments/math']!;
    expect(math['eval']!.inputs).toEqual(expect.arrayContaining(['{workspaceRoot}/environments/math/data/gsm8k-sample.jsonl', '{workspaceRoot}/ci/cassettes/math/**/*']));
    expect(math['eval']!.command).toMatch(/--cassette ci\/cassettes\/math --dataset environments\/math\/data\/gsm8k-sample\.jsonl -- --tasks 5$/);
  });
});
