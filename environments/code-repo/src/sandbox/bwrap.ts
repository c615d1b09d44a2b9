import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';

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
  /** Directories shown read-only even when they sit under a hidden one (the repository mirror). */
  readOnly: string[];
  /** Directories covered with an empty tmpfs (the dataset, the mirror cache, the suite sources...). */
  hide: string[];
  env: Record<string, string>;
}

async function isDir(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}

function contains(parent: string, child: string): boolean {
  return child === parent || child.startsWith(parent + path.sep);
}

/**
 * The bwrap arguments for a layout: the system read-only, a fresh /tmp, hidden directories emptied,
 * the mirror read-only, the workspace writable; no network, own pid namespace, empty environment.
 * A directory is only hidden if no PATH entry or the node binary lives inside it (hiding them would break tools).
 */
export async function bwrapArgs(layout: SandboxLayout, command: string): Promise<string[]> {
  // Only PATH entries that exist need to stay visible: npm and Nx prepend every ancestor's node_modules/.bin,
  // existing or not, and a missing one inside a hidden directory must not keep that directory visible.
  const candidates = [...(layout.env['PATH'] ?? '').split(path.delimiter).filter(Boolean), path.dirname(process.execPath)];
  const needed: string[] = [];
  for (const dir of candidates) if (await isDir(dir)) needed.push(dir);
  const args = [
    '--ro-bind', '/', '/',
    '--dev', '/dev',
    '--proc', '/proc',
    '--tmpfs', '/tmp',
  ];
  for (const dir of new Set(layout.hide.map((d) => path.resolve(d)))) {
    if (contains(dir, '/tmp') || contains('/tmp', dir) || needed.some((n) => contains(dir, n)) || !(await isDir(dir))) continue;
    args.push('--tmpfs', dir);
  }
  for (const dir of layout.readOnly) args.push('--ro-bind', dir, dir);
  args.push(
    '--bind', layout.workspace, layout.workspace,
    '--unshare-net',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--die-with-parent',
    '--new-session',
    '--chdir', layout.workspace,
    '--clearenv',
  );
  for (const [name, value] of Object.entries(layout.env)) args.push('--setenv', name, value);
  args.push('--', SHELL, '-c', command);
  return args;
}
