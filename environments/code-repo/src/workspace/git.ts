import { spawn } from 'node:child_process';
import os from 'node:os';
import { simpleGit, type SimpleGit } from 'simple-git';

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
export interface GitBytesResult {
  exitCode: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs git with stdin input and extra env (what simple-git does not cover); never throws on a non-zero exit. */
export function runGitBytes(
  args: string[],
  options: { cwd: string; input?: string; env?: Record<string, string> },
): Promise<GitBytesResult> {
  // Plain spawn: on small machines execa's per-call overhead is a multiple of git's own run time.
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: options.cwd, env: gitEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
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
