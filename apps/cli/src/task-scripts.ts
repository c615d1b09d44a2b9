import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CrucibleError, type Task } from '@crucible/core';
import { listEnvironments } from '@crucible/orchestrator';
import { simTaskKey, type TaskScript, type TaskScripts } from '@crucible/sim';

/** The folder of an environment package named by `--env` (an installed name, or a path to the package). */
async function packageDir(envRef: string, cwd: string): Promise<string | undefined> {
  if (envRef.startsWith('.') || envRef.startsWith('/')) return resolve(cwd, envRef);
  return (await listEnvironments(cwd)).find((e) => e.name === envRef)?.dir;
}

/**
 * The sim's scripts of an environment: the `scripts` export of its package's `testing` subpath
 * (`exports["./testing"]` in its package.json). Undefined when the package has no such export.
 */
export async function loadTaskScripts(envRef: string, cwd: string): Promise<TaskScripts | undefined> {
  const dir = await packageDir(envRef, cwd);
  if (!dir) return undefined;
  let manifest: { exports?: Record<string, unknown> };
  try {
    manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const entry = manifest.exports?.['./testing'];
  const file = typeof entry === 'string' ? entry : ((entry as Record<string, string> | undefined)?.['development'] ?? (entry as Record<string, string> | undefined)?.['default']);
  if (!file) return undefined;
  const path = join(dir, file);
  let mod: { scripts?: Partial<TaskScripts> };
  try {
    mod = await import(pathToFileURL(path).href);
  } catch (err) {
    throw new CrucibleError('unknown_environment', `cannot load the sim scripts of environment "${envRef}" from ${path}: ${(err as Error).message}`, { cause: err });
  }
  if (typeof mod.scripts?.scriptFor !== 'function') {
    throw new CrucibleError('unknown_environment', `${path} has no \`scripts\` export with scriptFor(task, config)`, {
      hint: 'export const scripts: TaskScripts<YourTask> = { scriptFor: (task) => ({ kind: "answer", ... }) } (see @crucible/sim)',
    });
  }
  return mod.scripts as TaskScripts;
}

/** Each task's script under the sim's task key; tasks the scripts cannot play are left out. */
export function scriptedTasks(envName: string, scripts: TaskScripts, tasks: Task[], envConfig: unknown): Array<{ key: string; script: TaskScript }> {
  const out: Array<{ key: string; script: TaskScript }> = [];
  for (const task of tasks) {
    const script = scripts.scriptFor(task, envConfig);
    if (script) out.push({ key: simTaskKey(envName, task.id), script });
  }
  return out;
}
