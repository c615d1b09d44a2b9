import { copyFile, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runGitBytes } from './git.js';
import { hostGitEnv } from './host-git.js';
import type { Workspace } from './workspace.js';

const DIFF_FLAGS = ['--binary', '--no-color', '--no-ext-diff', '--src-prefix=a/', '--dst-prefix=b/'];
const utf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Copies an index keeping its mtime: git trusts cached stat data only for files older than the index
 * ("racy git"), so a fresh mtime would hide a same-size edit made in the second of the checkout.
 * Starting from the checkout's own index keeps git's stat cache, so unchanged files are not re-hashed.
 */
export async function copyIndex(from: string, to: string): Promise<void> {
  const info = await stat(from);
  await copyFile(from, to);
  await utimes(to, info.atime, info.mtime);
}

/**
 * The agent's change as a unified diff against the workspace's base commit (`git add -A && git diff --cached`),
 * new, deleted and binary files included. Runs with the base checkout's pristine git directory ({@link hostGitEnv})
 * and a throw-away index, so nothing the agent wrote (its `.git`, a forged `.git` file) steers git on the host.
 */
export async function diffAgainstBase(worktree: Workspace): Promise<string> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'crucible-index-'));
  const index = path.join(tmp, 'index');
  const env = { ...hostGitEnv(worktree), GIT_INDEX_FILE: index };
  const git = async (args: string[]) => {
    const r = await runGitBytes(args, { cwd: worktree.path, env });
    if (r.exitCode !== 0) throw new Error(`git ${args[0]} failed: ${r.stderr.trim()}`);
    return r.stdout;
  };
  try {
    await copyIndex(path.join(worktree.gitDir, 'index'), index).catch(() => git(['read-tree', worktree.commit]));
    await git(['add', '-A']);
    let diff = await git(['diff', '--cached', ...DIFF_FLAGS, worktree.commit]);
    if (!isUtf8(diff)) {
      // Text in another encoding would not survive as a string: diff those files as binary instead.
      const names = Buffer.from(await git(['diff', '--cached', '--name-only', '-z', worktree.commit])).toString('utf8').split('\0').filter(Boolean);
      const legacy: string[] = [];
      for (const name of names) {
        const bytes = await readFile(path.join(worktree.path, name)).catch(() => undefined);
        if (bytes && !isUtf8(bytes)) legacy.push(`/${name.replace(/([\s*?[\]\\#!])/g, '\\$1')} binary`);
      }
      const attributes = path.join(tmp, 'attributes');
      await writeFile(attributes, `${legacy.join('\n')}\n`);
      diff = await git(['-c', `core.attributesFile=${attributes}`, 'diff', '--cached', ...DIFF_FLAGS, worktree.commit]);
    }
    return Buffer.from(diff).toString('utf8');
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
