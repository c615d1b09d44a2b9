import { spawn, type ChildProcess } from 'node:child_process';
import { CrucibleError } from '@crucible/core';
import { bwrapArgs, detectBwrap, SHELL } from './bwrap.js';
import { CappedOutput } from './capped-output.js';
import { CommandCgroups, joinScript } from './cgroup.js';
import { DiskWatch } from './disk-watch.js';
import { detectLimitHit, limitMessage, rlimitArgs, TMP_REPORT_FD, tmpReportWrapper } from './limit-enforcement.js';
import { DEFAULT_LIMITS, type LimitHit, type SandboxLimits } from './limits.js';
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
  /** Resource limits (default {@link DEFAULT_LIMITS}). */
  limits?: SandboxLimits;
  /** Keep the network (drops `--unshare-net`): for setup commands only. */
  allowNetwork?: boolean;
  /** Run without bubblewrap (the user passed --unsafe-no-sandbox). */
  unsafeNoSandbox?: boolean;
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
  /** The resource limit that stopped (part of) the command, if one did. */
  limitHit?: LimitHit;
  /** What {@link limitHit} means for this command, for the model and the logs. */
  limitMessage?: string;
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

/** The argv to spawn: [cgroup join] -> [bwrap ... -> tmp-report wrapper] -> prlimit -> shell -c command. */
async function commandLine(command: string, options: RunCommandOptions, limits: SandboxLimits, cgroups: CommandCgroups, bwrap: string | undefined) {
  let argv = [...(await rlimitArgs(limits, cgroups)), SHELL, '-c', command];
  let env = sandboxEnv(options.workspace);
  if (bwrap) {
    const inner = tmpReportWrapper(argv);
    argv = [bwrap, ...(await bwrapArgs({ workspace: options.workspace, readOnly: options.readOnly ?? [], hide: options.hide ?? [], env: sandboxEnv('/tmp'), tmpSizeMb: limits.tmpSizeMb, allowNetwork: options.allowNetwork }, inner))];
    // bwrap itself needs nothing but PATH; the command's environment is set inside (--clearenv/--setenv).
    env = { PATH: env['PATH'] ?? '/usr/bin:/bin' };
  }
  if (cgroups.procsFiles.length > 0) argv = ['/bin/sh', '-c', joinScript(cgroups.procsFiles), 'sh', ...argv];
  return { file: argv[0]!, args: argv.slice(1), env };
}

/**
 * Runs a shell command in the workspace under bubblewrap (see {@link bwrapArgs}) with per-command resource
 * limits (see limit-enforcement.ts). A timeout, an abort or a blown disk quota kills the whole process tree;
 * nothing started inside outlives the call. Output is capped with a visible note. The limit that stopped
 * the command, if any, is in `limitHit`. With `unsafeNoSandbox` it runs directly (same environment, limits,
 * timeout and kill).
 */
export async function runCommand(command: string, options: RunCommandOptions): Promise<RunResult> {
  await assertSandbox(options.unsafeNoSandbox);
  const status = await detectBwrap();
  const sandboxed = status.ok && !options.unsafeNoSandbox;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const cgroups = await CommandCgroups.create(limits);
  let child: ChildProcess | undefined;
  let killedFor: LimitHit | undefined;
  let aborted = false;
  const kill = (reason?: LimitHit) => {
    killedFor ??= reason;
    if (child) killGroup(child);
    void cgroups.killAll();
  };
  const disk = await DiskWatch.start(options.workspace, limits.diskMb * 1024 * 1024, () => kill('disk'));
  const timer = setTimeout(() => kill('wall_time'), options.timeoutMs);
  const onAbort = () => {
    aborted = true;
    kill();
  };
  try {
    const { file, args, env } = await commandLine(command, options, limits, cgroups, sandboxed && status.ok ? status.path : undefined);
    const running = spawn(file, args, { cwd: options.workspace, env, detached: true, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    child = running;
    const output = new CappedOutput(options.maxOutputBytes ?? DEFAULT_OUTPUT);
    const stdout = new CappedOutput(options.maxOutputBytes ?? DEFAULT_OUTPUT);
    let report = '';
    const started = Date.now();
    running.stdout!.on('data', (d: Buffer) => {
      output.push(d);
      stdout.push(d);
    });
    running.stderr!.on('data', (d: Buffer) => output.push(d));
    const reportPipe = running.stdio[TMP_REPORT_FD] as NodeJS.ReadableStream;
    reportPipe.on('data', (d: Buffer) => (report += d.toString()));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const [exitCode, signal] = await new Promise<[number | null, string | null]>((resolve, reject) => {
      running.once('error', reject);
      running.once('exit', (code, sig) => {
        // Reap whatever the command left running in its group (matters without the sandbox's pid namespace).
        killGroup(running);
        const drained = setTimeout(() => {
          running.stdio.forEach((s) => s?.destroy());
          resolve([code, sig]);
        }, DRAIN_MS);
        running.once('close', () => {
          clearTimeout(drained);
          resolve([code, sig]);
        });
      });
    });
    await disk.stop();
    const text = output.text();
    // A command that hit the process limit and then spun until the timeout was stopped by the process limit.
    const detected = await detectLimitHit({ cgroups, limits, output: text, exitCode, signal, tmpReport: report });
    const limitHit = killedFor === 'disk' ? 'disk' : detected === 'processes' || detected === 'memory' ? detected : (killedFor ?? detected);
    return {
      output: text,
      stdout: stdout.text(),
      exitCode,
      signal,
      timedOut: killedFor === 'wall_time',
      aborted,
      truncated: output.truncated,
      durationMs: Date.now() - started,
      sandboxed,
      ...(limitHit ? { limitHit, limitMessage: limitMessage(limitHit, limits, disk.grownBytes) } : {}),
    };
  } catch (err) {
    if (err instanceof CrucibleError) throw err;
    throw new CrucibleError('sandbox_error', `cannot start a command: ${(err as Error).message}`, { cause: err });
  } finally {
    clearTimeout(timer);
    await disk.stop();
    options.signal?.removeEventListener('abort', onAbort);
    await cgroups.remove();
  }
}
