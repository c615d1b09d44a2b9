import path from 'node:path';
import type { Workspace } from './workspace.js';

/** An entry of GIT_ALTERNATE_OBJECT_DIRECTORIES: ':' separates entries, so a path holding one is C-quoted. */
function alternate(dir: string): string {
  return /[:"\\]/.test(dir) ? `"${dir.replace(/["\\]/g, '\\$&')}"` : dir;
}

/**
 * The environment for git run by the harness (not the agent) on a workspace: the base checkout's pristine git
 * directory and this workspace's private index and object store, never the workspace's own `.git`. The agent
 * controls that one; its config could name a filter or fsmonitor command that git would then run on the host.
 * New objects go to the private store; the pristine ones are read through an alternate (host-side only: the agent's
 * repository never has an alternate).
 */
export function hostGitEnv(ws: Pick<Workspace, 'path' | 'gitDir' | 'hostDir' | 'excludesFile'>): Record<string, string> {
  const env: Record<string, string> = {
    GIT_DIR: ws.gitDir,
    GIT_WORK_TREE: ws.path,
    GIT_INDEX_FILE: path.join(ws.hostDir, 'index'),
    GIT_OBJECT_DIRECTORY: path.join(ws.hostDir, 'objects'),
    GIT_ALTERNATE_OBJECT_DIRECTORIES: alternate(path.join(ws.gitDir, 'objects')),
  };
  if (ws.excludesFile) Object.assign(env, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.excludesFile', GIT_CONFIG_VALUE_0: ws.excludesFile });
  return env;
}
