import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { baseView, SANDBOX_HOME } from './filesystem-view.js';

/** Whether bubblewrap can be used here, and if not why. */
export type BwrapStatus = { ok: true; path: string } | { ok: false; reason: string };

/** The shell commands run in: bash where there is one (agents write bash), else sh. */
export const SHELL = existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';

const probes = new Map<string, Promise<BwrapStatus>>();

async function findOnPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return undefined;
}

function probe(bwrap: string): Promise<BwrapStatus> {
  return new Promise((resolve) => {
    const child = spawn(bwrap, ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--unshare-net', '--unshare-pid', '--die-with-parent', '--', 'true'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => resolve({ ok: false, reason: `${bwrap} cannot start: ${err.message}` }));
    child.on('close', (code) =>
      resolve(code === 0 ? { ok: true, path: bwrap } : { ok: false, reason: `${bwrap} does not work here: ${stderr.trim() || `exit ${code}`}` }),
    );
  });
}

/**
 * Finds and tries bubblewrap once per process (`CRUCIBLE_BWRAP` names another binary; `none` turns it off).
 */
export function detectBwrap(): Promise<BwrapStatus> {
  const override = process.env['CRUCIBLE_BWRAP'];
  const key = override ?? '';
  let pending = probes.get(key);
  if (!pending) {
    pending = (async (): Promise<BwrapStatus> => {
      if (override === 'none') return { ok: false, reason: 'bubblewrap is turned off (CRUCIBLE_BWRAP=none)' };
      const bwrap = override || (await findOnPath('bwrap'));
      if (!bwrap) return { ok: false, reason: 'bubblewrap (bwrap) is not installed' };
      if (!(await access(bwrap, constants.X_OK).then(() => true, () => false))) {
        return { ok: false, reason: `bubblewrap not found at ${bwrap}` };
      }
      return probe(bwrap);
    })();
    probes.set(key, pending);
  }
  return pending;
}

/** What a sandboxed command may see. */
export interface SandboxLayout {
  /** The only writable directory; also the working directory. */
  workspace: string;
  /** Directories shown read-only besides the system ones (the repository mirror, while worktrees keep their git dir there). */
  readOnly: string[];
  /** Directories that must stay invisible even if a toolchain prefix or PATH entry holds them (the dataset, the mirror cache...). */
  hide: string[];
  /** The environment inside, except PATH and HOME, which the view sets. */
  env: Record<string, string>;
  /** Size cap of the private /tmp, in MiB. */
  tmpSizeMb: number;
  /** Keep the host network (setup commands only). */
  allowNetwork?: boolean;
}

function contains(parent: string, child: string): boolean {
  return child === parent || child.startsWith(parent + path.sep);
}

/**
 * The bwrap arguments for a layout: an allow-list view (system directories, a reduced /etc and the toolchain
 * prefixes read-only; see {@link baseView}), a private size-capped /tmp holding HOME, the workspace writable,
 * no network, own pid/ipc/uts namespaces, an environment made from scratch. `inner` is the argv run inside.
 */
export async function bwrapArgs(layout: SandboxLayout, inner: string[]): Promise<string[]> {
  const hide = layout.hide.map((d) => path.resolve(d));
  const base = await baseView(process.env['PATH'] ?? '/usr/bin:/bin', hide);
  const args = [
    ...base.args,
    '--dev', '/dev',
    '--proc', '/proc',
    // The command's uid is 0 on the host (bwrap maps the caller's), and /proc/sys files are root-owned and writable:
    // left as they are, a command could set kernel parameters (core_pattern...). bwrap 0.8 does not cover them here.
    '--ro-bind', '/proc/sys', '/proc/sys',
    ...(existsSync('/proc/sysrq-trigger') ? ['--ro-bind', '/dev/null', '/proc/sysrq-trigger'] : []),
    '--size', String(layout.tmpSizeMb * 1024 * 1024), '--tmpfs', '/tmp',
    // bwrap's /dev is a tmpfs of half the RAM: it becomes read-only below (device nodes still work) and /dev/shm gets the /tmp cap.
    '--size', String(layout.tmpSizeMb * 1024 * 1024), '--tmpfs', '/dev/shm',
    '--dir', SANDBOX_HOME,
  ];
  for (const dir of layout.readOnly) args.push('--ro-bind', dir, dir);
  const shown = [...base.toolchains.prefixes, ...layout.readOnly];
  // A hidden directory inside something shown (a dataset next to a PATH entry, say) is covered with an empty tmpfs,
  // after the binds it would otherwise sit under.
  for (const dir of new Set(hide)) {
    if (shown.some((s) => contains(s, dir) && s !== dir) && !contains(dir, layout.workspace)) args.push('--tmpfs', dir);
  }
  args.push('--bind', layout.workspace, layout.workspace);
  // The root bwrap builds the view on is a tmpfs: read-only, so only the workspace, /tmp and /dev/shm take writes.
  args.push('--remount-ro', '/', '--remount-ro', '/dev');
  if (!layout.allowNetwork) args.push('--unshare-net');
  // bwrap run by root keeps every capability unless told otherwise (mount, mknod, ptrace...): drop them all,
  // and put the command in its own user namespace with no way to make another one.
  args.push('--unshare-user', '--disable-userns', '--cap-drop', 'ALL');
  args.push('--unshare-pid', '--unshare-ipc', '--unshare-uts', '--die-with-parent', '--new-session', '--chdir', layout.workspace, '--clearenv');
  const env = { ...layout.env, PATH: base.path, HOME: SANDBOX_HOME };
  for (const [name, value] of Object.entries(env)) args.push('--setenv', name, value);
  args.push('--', ...inner);
  return args;
}
