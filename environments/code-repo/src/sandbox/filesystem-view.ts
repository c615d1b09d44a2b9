import { lstat, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { SYSTEM_DIRS, toolchainView, within, type ToolchainView } from './toolchains.js';

/**
 * What programs need from /etc: users and groups (names for `ls -l`, `id`, python's `getpass`), name
 * resolution files, the dynamic linker cache, time zone, TLS trust roots, Debian's alternatives links.
 * Never shadow, gshadow, sudoers, ssh keys or /etc/ssl/private.
 */
export const ETC_ALLOWED = [
  'passwd', 'group', 'hosts', 'resolv.conf', 'nsswitch.conf', 'host.conf', 'gai.conf', 'protocols', 'services',
  'ld.so.cache', 'ld.so.conf', 'ld.so.conf.d', 'localtime', 'timezone', 'mime.types', 'os-release', 'debian_version',
  'alternatives', 'ssl/certs', 'ssl/openssl.cnf', 'ca-certificates', 'ca-certificates.conf', 'python3', 'python3.11',
];

/** Where HOME points inside: a fresh directory on the private /tmp. */
export const SANDBOX_HOME = '/tmp/home';

/** The read-only part of the view, the same for every command of this process. */
export interface BaseView {
  args: string[];
  /** PATH inside the sandbox. */
  path: string;
  toolchains: ToolchainView;
}

const exists = (p: string) => lstat(p).then((s) => s, () => undefined);

/** `--symlink` for a link whose target stays in what is shown anyway, else a read-only bind of what it points to. */
async function showEntry(p: string, visible: string[]): Promise<string[]> {
  const info = await exists(p);
  if (!info) return [];
  if (info.isSymbolicLink()) {
    const target = await realpath(p).catch(() => undefined);
    if (!target) return [];
    if (visible.some((v) => within(v, target))) return ['--symlink', await readlink(p), p];
  }
  return ['--ro-bind', p, p];
}

let cached: { key: string; view: Promise<BaseView> } | undefined;

async function build(hostPath: string, hidden: string[]): Promise<BaseView> {
  const toolchains = await toolchainView(hostPath, hidden);
  const args: string[] = [];
  const system: string[] = [];
  for (const dir of SYSTEM_DIRS) {
    const info = await exists(dir);
    if (!info) continue;
    if (info.isSymbolicLink()) args.push('--symlink', await readlink(dir), dir);
    else {
      args.push('--ro-bind', dir, dir);
      system.push(dir);
    }
  }
  for (const name of ETC_ALLOWED) args.push(...(await showEntry(path.join('/etc', name), system)));
  for (const prefix of toolchains.prefixes) args.push('--ro-bind', prefix, prefix);
  return { args, path: toolchains.path, toolchains };
}

/**
 * The allow-listed host view: system directories read-only (usr-merge links as links), a reduced /etc and
 * the toolchain prefixes the host PATH leads to. Worked out once per process (it asks python for its prefix).
 */
export function baseView(hostPath: string, hidden: string[]): Promise<BaseView> {
  const key = JSON.stringify([hostPath, hidden]);
  if (cached?.key !== key) cached = { key, view: build(hostPath, hidden) };
  return cached.view;
}
