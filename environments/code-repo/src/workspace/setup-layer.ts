import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CrucibleError, isCrucibleError } from '@crucible/core';
import { runCommand } from '../sandbox/run-command.js';
import type { BaseCheckout } from './base-checkout.js';
import { keyOf, slugOf } from './base-checkout.js';
import { ensureCachedDir } from './cached-dir.js';
import { runGitBytes } from './git.js';
import { hostGitEnv } from './host-git.js';
import { copyIndex } from './model-patch.js';
import { copyTree } from './workspace.js';

/** What a setup command left behind, laid over every workspace of the instance read-only. */
export interface SetupLayer {
  /** The files the command created (`node_modules/`, `*.egg-info/`...), plus a `.git/info/exclude` naming them. */
  dir: string;
  /** The same gitignore lines, for host-side git (the model patch leaves these files out). */
  excludesFile: string;
}

/** What {@link ensureSetupLayer} needs. */
export interface SetupOptions {
  cacheDir: string;
  /** The checkout the command runs in: `environment_setup_commit`, else the base commit. */
  base: BaseCheckout;
  mirror: string;
  command: string;
  instanceId: string;
  allowNetwork: boolean;
  timeoutSec: number;
  hide: string[];
  unsafeNoSandbox: boolean;
  signal?: AbortSignal;
}

const LAYOUT = 'setup-1';
/** Failed setups of this process, by layer and network permission: other episodes fail at once instead of rerunning. */
const failures = new Map<string, Promise<never>>();
const OUTPUT_BYTES = 256 * 1024;
const TAIL_CHARS = 2000;

/** A path as a gitignore line that matches it alone, from the repository root. */
function ignoreLine(rel: string): string {
  return `/${rel.replace(/[\\*?[\]]/g, '\\$&').replace(/ (?=\/?$)/, '\\ ')}`;
}

/** The paths git reports as untracked or ignored (new), and how many tracked files changed. */
async function newPaths(base: BaseCheckout, work: string, hostDir: string): Promise<{ created: string[]; changed: string[] }> {
  await mkdir(path.join(hostDir, 'objects'), { recursive: true });
  await copyIndex(path.join(base.gitDir, 'index'), path.join(hostDir, 'index'));
  const env = hostGitEnv({ path: work, gitDir: base.gitDir, hostDir });
  const status = await runGitBytes(['status', '--porcelain=v1', '-z', '--ignored', '--untracked-files=normal'], { cwd: work, env });
  if (status.exitCode !== 0) throw new Error(`git status failed: ${status.stderr.trim()}`);
  const fields = status.stdout.toString('utf8').split('\0').filter(Boolean);
  const created: string[] = [];
  const changed: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] ?? '';
    const code = field.slice(0, 2);
    const name = field.slice(3);
    if (code === '??' || code === '!!') created.push(name);
    else changed.push(name);
    if (/^[RC]/.test(code)) i++; // A rename's source follows as its own field.
  }
  return { created, changed };
}

function failure(options: SetupOptions, what: string, output: string): CrucibleError {
  const tail = output.length > TAIL_CHARS ? `...${output.slice(-TAIL_CHARS)}` : output;
  return new CrucibleError('invalid_task', `${options.instanceId}: setup_command \`${options.command}\` ${what}; its output ends:\n${tail.trimEnd() || '(no output)'}`, {
    hint: options.allowNetwork
      ? 'fix setup_command (it runs in the repository at environment_setup_commit or base_commit, and may write only there)'
      : 'fix setup_command; if it downloads dependencies, allow it the network with the environment config allowSetupNetwork=true (--env-config allowSetupNetwork=true)',
    details: { outputTail: tail },
  });
}

async function buildLayer(options: SetupOptions, tmp: string): Promise<void> {
  const work = path.join(tmp, 'work');
  const layer = path.join(tmp, 'layer');
  await mkdir(work, { recursive: true });
  await copyTree(options.base.dir, work);
  const run = await runCommand(options.command, {
    workspace: work,
    hide: options.hide,
    timeoutMs: options.timeoutSec * 1000,
    maxOutputBytes: OUTPUT_BYTES,
    unsafeNoSandbox: options.unsafeNoSandbox,
    allowNetwork: options.allowNetwork,
    signal: options.signal,
  });
  if (run.aborted) throw new CrucibleError('env_error', `${options.instanceId}: setup_command was cancelled`, { retryable: false });
  if (run.timedOut) throw failure(options, `timed out after ${options.timeoutSec} s (config setupTimeoutSec)`, run.output);
  if (run.exitCode !== 0) throw failure(options, `failed with exit code ${run.exitCode ?? `signal ${run.signal}`}`, run.output);
  const { created, changed } = await newPaths(options.base, work, path.join(tmp, 'host'));
  for (const rel of created) {
    const target = path.join(layer, rel.replace(/\/$/, ''));
    await mkdir(path.dirname(target), { recursive: true });
    await rename(path.join(work, rel.replace(/\/$/, '')), target);
  }
  const lines = created.map(ignoreLine);
  const exclude = `# files made by setup_command: ${options.command}\n${lines.join('\n')}\n`;
  const baseExclude = await readFile(path.join(options.base.gitDir, 'info', 'exclude'), 'utf8').catch(() => '');
  await mkdir(path.join(layer, '.git', 'info'), { recursive: true });
  await writeFile(path.join(layer, '.git', 'info', 'exclude'), `${baseExclude}${exclude}`);
  await writeFile(path.join(tmp, 'exclude'), exclude);
  // Changes to tracked files are dropped: kept, they would show as the agent's edits and break the model patch.
  const note = changed.length > 0 ? `\n[not kept: changes to tracked files ${changed.join(', ')}]\n` : '';
  await writeFile(path.join(tmp, 'setup.log'), `$ ${options.command}\n${run.output}\n[exit code 0]${note}`);
  await rm(work, { recursive: true, force: true });
  await rm(path.join(tmp, 'host'), { recursive: true, force: true });
}

/**
 * The setup layer of (repository, setup commit, command), built once under `cacheDir/setup` and reused read-only by
 * every episode: the command runs in the sandbox (with the network only if `allowNetwork`) in a copy of the setup
 * checkout, and the files it created become the layer. A failed setup is an `invalid_task` error carrying the tail
 * of the command's output; it is remembered for the rest of the process (per network permission), so other
 * episodes fail fast.
 */
export async function ensureSetupLayer(options: SetupOptions): Promise<SetupLayer> {
  const { mirror, base, command } = options;
  const name = `${slugOf(mirror)}-${base.commit.slice(0, 12)}-${keyOf(LAYOUT, mirror, base.commit, base.history, command)}`;
  const entry = path.join(options.cacheDir, 'setup', name);
  const failureKey = `${entry}\0${options.allowNetwork}`;
  const failed = failures.get(failureKey);
  if (failed) return failed;
  try {
    const dir = await ensureCachedDir(entry, (tmp) => buildLayer(options, tmp));
    return { dir: path.join(dir, 'layer'), excludesFile: path.join(dir, 'exclude') };
  } catch (err) {
    if (isCrucibleError(err) && err.code === 'invalid_task') failures.set(failureKey, Promise.reject(err));
    failures.get(failureKey)?.catch(() => undefined);
    throw err;
  }
}
