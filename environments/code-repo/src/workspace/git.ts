import os from 'node:os';
import { simpleGit, type SimpleGit } from 'simple-git';
import { runProcess, type ProcessResult } from './run-process.js';

/** Fixed identity and dates, so commits made by the suite builder hash the same on every machine. */
export const FIXED_IDENTITY = {
  GIT_AUTHOR_NAME: 'Crucible',
  GIT_AUTHOR_EMAIL: 'crucible@example.invalid',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'Crucible',
  GIT_COMMITTER_EMAIL: 'crucible@example.invalid',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
} as const;

/**
 * The environment every git call gets: no system or global config (a developer's aliases, hooks,
 * diff prefixes or credential helpers must not change results) and no parent secrets.
 */
export function gitEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: os.tmpdir(),
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    ...FIXED_IDENTITY,
  };
  for (const key of ['SSH_AUTH_SOCK', 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']) {
    const value = process.env[key];
    if (value) env[key] = value;
  }
  return { ...env, ...extra };
}

/** simple-git bound to a directory with {@link gitEnv}. */
export function gitAt(baseDir: string): SimpleGit {
  const env = gitEnv();
  return simpleGit({ baseDir, allowEnvironment: Object.keys(env), unsafe: { allowUnsafeConfigPaths: true } }).env(env);
}

/** The outcome of {@link runGitBytes}. */
export type GitBytesResult = ProcessResult;

/** Runs git with stdin input and extra env (what simple-git does not cover); never throws on a non-zero exit. */
export function runGitBytes(
  args: string[],
  options: { cwd: string; input?: string; env?: Record<string, string> },
): Promise<GitBytesResult> {
  return runProcess('git', args, { cwd: options.cwd, input: options.input, env: gitEnv(options.env) });
}

/** The outcome of {@link runGit}. */
export interface GitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** {@link runGitBytes} with stdout as text. */
export async function runGit(args: string[], options: { cwd: string; input?: string; env?: Record<string, string> }): Promise<GitResult> {
  const result = await runGitBytes(args, options);
  return { ...result, stdout: result.stdout.toString('utf8') };
}

/** Like {@link runGit} but throws with git's message on failure. */
export async function runGitOk(args: string[], options: { cwd: string; input?: string; env?: Record<string, string> }): Promise<string> {
  const result = await runGit(args, options);
  if (result.exitCode !== 0) {
    throw new Error(`git ${args[0]} failed: ${result.stderr.trim() || result.stdout.trim()}`);
  }
  return result.stdout;
}
