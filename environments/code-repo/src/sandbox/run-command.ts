import { spawn, type ChildProcess } from 'node:child_process';
import { CrucibleError } from '@crucible/core';
import { bwrapArgs, detectBwrap, SHELL } from './bwrap.js';
import { CappedOutput } from './capped-output.js';
import { sandboxEnv } from './sandbox-env.js';

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  /** The workspace: the working directory and the only writable place. */
  workspace: string;
  /** Directories to show read-only (the repository mirror, which the worktree's git metadata lives in). */
  readOnly?: string[];
  /** Directories to hide (the dataset, caches, the environment's own sources). */
  hide?: string[];
  timeoutMs: number;
  /** Output kept (head and tail), default 64 KiB. */
  maxOutputBytes?: number;
  /** Run without bubblewrap (the user passed --unsafe-no-sandbox). */
  unsafeNoSandbox?: boolean;
  /** Keep the host's network (setup commands with `allowSetupNetwork` only; agent commands never get it). */
  allowNetwork?: boolean;
  signal?: AbortSignal;
}

/** What a command did. */
export interface RunResult {
  /** stdout and stderr as they interleaved. */
  output: string;
  /** stdout alone (a JSON report interleaved with stderr chunks may not parse from `output`). */
  stdout: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  aborted: boolean;
  truncated: boolean;
  durationMs: number;
  sandboxed: boolean;
}

const DEFAULT_OUTPUT = 64 * 1024;
/** How long to wait for pipes to close after the process is gone (a grandchild may still hold them). */
const DRAIN_MS = 500;

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/**
 * The error for a machine without a usable bubblewrap, unless the user allowed unsandboxed commands.
 * Thrown by {@link runCommand}; callers may also check early with it.
 */
export async function assertSandbox(unsafeNoSandbox: boolean | undefined): Promise<void> {
  if (unsafeNoSandbox) return;
  const status = await detectBwrap();
  if (!status.ok) {
    throw new CrucibleError('unsafe_refused', `code-repo will not run commands without a sandbox: ${status.reason}`, {
      hint: 'install bubblewrap (apt-get install bubblewrap) or pass --unsafe-no-sandbox to run commands unconfined',
    });
  }
}

/**
 * Runs a shell command in the workspace under bubblewrap: read-only system, writable workspace only,
 * fresh /tmp, no network, own pid namespace, scrubbed environment. A timeout (or abort) kills the whole
 * process tree; nothing started inside outlives the call. Output is capped with a visible note.
 * With `unsafeNoSandbox` it runs directly (same environment, timeout and process-group kill).
 */
export async function runCommand(command: string, options: RunCommandOptions): Promise<RunResult> {
  await assertSandbox(options.unsafeNoSandbox);
  const bwrap = await detectBwrap();
  const sandboxed = bwrap.ok && !options.unsafeNoSandbox;
  let file = SHELL;
  let args = ['-c', command];
  let env = sandboxEnv(options.workspace);
  if (bwrap.ok && sandboxed) {
    const inner = sandboxEnv('/tmp');
    file = bwrap.path;
    args = await bwrapArgs({ workspace: options.workspace, readOnly: options.readOnly ?? [], hide: options.hide ?? [], env: inner }, command);
    // The first `--unshare-net` is bwrap's own flag (the command's words come after it).
    const unshareNet = args.indexOf('--unshare-net');
    if (options.allowNetwork && unshareNet >= 0) args.splice(unshareNet, 1);
    // bwrap itself needs nothing but PATH; the command's environment is set inside (--clearenv/--setenv).
    env = { PATH: inner['PATH'] ?? '/usr/bin:/bin' };
  }
  const child = spawn(file, args, { cwd: options.workspace, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = new CappedOutput(options.maxOutputBytes ?? DEFAULT_OUTPUT);
  const stdout = new CappedOutput(options.maxOutputBytes ?? DEFAULT_OUTPUT);
  const started = Date.now();
  let timedOut = false;
  let aborted = false;
  child.stdout.on('data', (d: Buffer) => {
    output.push(d);
    stdout.push(d);
  });
  child.stderr.on('data', (d: Buffer) => output.push(d));
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child);
  }, options.timeoutMs);
  const onAbort = () => {
    aborted = true;
    killGroup(child);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  try {
    const [exitCode, signal] = await new Promise<[number | null, string | null]>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, sig) => {
        // Reap whatever the command left running in its group (matters without the sandbox's pid namespace).
        killGroup(child);
        const drained = setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
          resolve([code, sig]);
        }, DRAIN_MS);
        child.once('close', () => {
          clearTimeout(drained);
          resolve([code, sig]);
        });
      });
    });
    return {
      output: output.text(),
      stdout: stdout.text(),
      exitCode,
      signal,
      timedOut,
      aborted,
      truncated: output.truncated,
      durationMs: Date.now() - started,
      sandboxed,
    };
  } catch (err) {
    throw new CrucibleError('sandbox_error', `cannot start a command: ${(err as Error).message}`, { cause: err });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
