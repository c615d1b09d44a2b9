import { runGit } from './git.js';
import { hostGitEnv } from './host-git.js';
import type { Workspace } from './workspace.js';

/** The outcome of {@link applyPatch}. */
export type ApplyResult = { ok: true } | { ok: false; error: string };

const ATTEMPTS: string[][] = [
  ['--whitespace=nowarn'],
  // Hand-written and model-written diffs often miscount hunk lines or drift in whitespace.
  ['--whitespace=nowarn', '--recount', '--ignore-whitespace'],
];

function normalise(patch: string): string {
  return patch.endsWith('\n') ? patch : `${patch}\n`;
}

/** Applies a unified diff to the workspace's files (or only checks that it would, with `check`). */
export async function applyPatch(worktree: Workspace, patch: string, options: { check?: boolean } = {}): Promise<ApplyResult> {
  let firstError: string | undefined;
  for (const flags of ATTEMPTS) {
    const args = ['apply', ...flags, ...(options.check ? ['--check'] : []), '-'];
    const result = await runGit(args, { cwd: worktree.path, input: normalise(patch), env: hostGitEnv(worktree) });
    if (result.exitCode === 0) return { ok: true };
    firstError ??= (result.stderr || result.stdout).trim().split('\n').slice(0, 6).join('\n') || `git apply exited ${result.exitCode}`;
  }
  return { ok: false, error: firstError ?? 'git apply failed' };
}

/** Every path a diff touches (both sides of renames), read by git itself so quoting and renames are right. */
export async function filesOfPatch(worktree: Workspace, patch: string): Promise<string[]> {
  if (patch.trim() === '') return [];
  const result = await runGit(['apply', '--numstat', '-z', '-'], { cwd: worktree.path, input: normalise(patch), env: hostGitEnv(worktree) });
  if (result.exitCode !== 0) return [];
  const files = new Set<string>();
  const fields = result.stdout.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const [, , name] = (fields[i] ?? '').split('\t');
    if (name === undefined) continue;
    if (name !== '') files.add(name);
    else {
      // A rename: the source and destination follow as separate fields.
      for (const side of fields.slice(i + 1, i + 3)) if (side) files.add(side);
      i += 2;
    }
  }
  return [...files];
}
