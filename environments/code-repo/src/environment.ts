import { createRequire } from 'node:module';
import path from 'node:path';
import { defineEnvironment, type EpisodeContext, type PreflightContext, type TaskContext } from '@crucible/core';
import { cacheDirOf, CodeRepoConfigSchema, type CodeRepoConfig } from './config.js';
import { assertSandbox } from './sandbox/run-command.js';
import { CodeRepoSession } from './session.js';
import { defaultSuite } from './suite/default-suite.js';
import { instanceOf, type CodeTask } from './tasks/code-task.js';
import { loadDataset } from './tasks/load-dataset.js';
import { CODE_REPO_TOOLS, type CodeRepoTools } from './tools/specs.js';
import { openCheckout, prepareRepo } from './workspace/prepare-repo.js';
import { visibleTestCommand } from './scoring/test-command.js';

/** The package's own manifest: its version is the environment's (one number, as `crucible envs` shows it). */
const PACKAGE = createRequire(import.meta.url)('../package.json') as { version: string };

/** The tasks a config selects: its dataset, or the built-in suite. */
export async function loadTasks(config: Pick<CodeRepoConfig, 'dataset' | 'repos' | 'strict'>, cwd: string): Promise<CodeTask[]> {
  if (config.dataset) {
    return loadDataset(path.resolve(cwd, config.dataset), {
      reposDir: config.repos ? path.resolve(cwd, config.repos) : undefined,
      strict: config.strict,
    });
  }
  const suite = await defaultSuite();
  return loadDataset(suite.datasetPath, { reposDir: suite.repos, strict: true });
}

const SYSTEM = [
  'You are a software engineer working in a code repository checked out in your working directory.',
  'Fix the issue described in the user message. Use the tools: list_dir, read_file and search to explore,',
  'edit and write_file to change files, run to execute shell commands (tests, scripts; no network).',
  'Keep your change minimal and focused on the issue; do not weaken or delete existing tests.',
  'Run the relevant tests before you finish, then call submit with a short summary.',
].join('\n');

/** The code-repo environment: SWE-bench style repository tasks, tools, sandboxed commands and hidden-test scoring. */
export const codeRepoEnvironment = defineEnvironment<CodeRepoConfig, CodeRepoTools, CodeTask>({
  name: 'code-repo',
  version: PACKAGE.version,
  description: 'Fix a bug in a git repository (SWE-bench format); scored by hidden FAIL_TO_PASS / PASS_TO_PASS tests.',
  mode: 'multi-turn',
  resources: ['sandbox'],
  // Sessions verify with the visible tests; an instance without `visible_tests` gets no verify().
  canVerify: (task: CodeTask) => visibleTestCommand(instanceOf(task)) !== undefined,
  config: CodeRepoConfigSchema,
  tools: CODE_REPO_TOOLS,
  system: () => SYSTEM,
  tasks: (config: CodeRepoConfig, ctx: TaskContext) => loadTasks(config, ctx.cwd),
  // Commands need bubblewrap: refuse the run before any model call rather than record error episodes.
  preflight: (_config: CodeRepoConfig, ctx: PreflightContext) => assertSandbox(ctx.unsafeNoSandbox),
  async open(task: CodeTask, config: CodeRepoConfig, ctx: EpisodeContext) {
    const instance = instanceOf(task);
    await assertSandbox(ctx.unsafeNoSandbox);
    const cacheDir = cacheDirOf(config, ctx.cwd);
    const repo = await prepareRepo(task, instance, { ...config, cacheDir, cwd: ctx.cwd, unsafeNoSandbox: ctx.unsafeNoSandbox, signal: ctx.signal });
    const workspace = await openCheckout(task, instance, repo);
    return new CodeRepoSession({ instance, workspace, source: repo.source, config, ctx, hide: repo.hide });
  },
});
