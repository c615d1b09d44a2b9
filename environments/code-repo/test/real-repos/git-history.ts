import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** One commit of a fixture history: files written (a `null` deletes) under an author and date. */
export interface CommitSpec {
  message: string;
  author: string;
  /** ISO date, so hashes are the same on every machine. */
  date: string;
  files: Record<string, string | null>;
}

/** Runs git in `dir` with no user or system config and the commit's identity. */
export async function git(dir: string, args: string[], identity?: { author: string; date: string }): Promise<string> {
  const [name = 'Dev', email = 'dev@example.org'] = (identity?.author ?? 'Dev <dev@example.org>').split(/ <|>/);
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: dir,
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email,
    ...(identity ? { GIT_AUTHOR_DATE: identity.date, GIT_COMMITTER_DATE: identity.date } : {}),
  };
  const { stdout } = await exec('git', args, { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Creates a repository at `dir` from `commits` in order; returns each commit's hash. */
export async function buildHistory(dir: string, commits: CommitSpec[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  await git(dir, ['init', '--quiet', '--initial-branch=main']);
  const hashes: string[] = [];
  for (const commit of commits) {
    for (const [rel, content] of Object.entries(commit.files)) {
      const file = path.join(dir, rel);
      if (content === null) {
        await rm(file, { force: true });
        continue;
      }
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    await git(dir, ['add', '-A']);
    await git(dir, ['commit', '--quiet', '-m', commit.message], commit);
    hashes.push((await git(dir, ['rev-parse', 'HEAD'])).trim());
  }
  return hashes;
}

/** The diff a commit made, as SWE-bench stores `patch` / `test_patch` (`git diff parent commit`). */
export async function commitDiff(dir: string, commit: string): Promise<string> {
  return git(dir, ['diff', `${commit}~1`, commit]);
}

/** The lines a diff adds (without the `+`), blank ones left out: what history probes search for. */
export function addedLines(diff: string): string[] {
  return diff
    .split('\n')
    .filter((l) => l.startsWith('+') && !l.startsWith('+++'))
    .map((l) => l.slice(1))
    .filter((l) => l.trim() !== '');
}
