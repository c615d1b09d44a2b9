import { execFile } from 'node:child_process';
import { access, constants, lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Top-level directories every command needs (the usr-merge links among them are recreated as links). */
export const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

/** Interpreters whose own prefix is shown when they live outside the system directories (pyenv, nvm, a venv...). */
const INTERPRETERS = ['python3', 'python', 'node'];

/** PATH entries never shown: home directories and the harness's own node_modules/.bin. */
const PRIVATE = /^\/(root|home)(\/|$)|\/node_modules(\/|$)/;

/** What the sandbox shows of the host's toolchains. */
export interface ToolchainView {
  /** Read-only directories outside the system ones: interpreter prefixes and PATH entries. */
  prefixes: string[];
  /** PATH inside: host entries that are visible, with an interpreter shim directory replaced by the real bin. */
  path: string;
}

export function within(parent: string, child: string): boolean {
  return child === parent || child.startsWith(parent.endsWith('/') ? parent : parent + '/');
}

const isSystem = (p: string) => SYSTEM_DIRS.some((d) => within(d, p));
const isDir = (p: string) => lstat(p).then((s) => s.isDirectory(), () => false);

async function executable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(() => true, () => false);
}

/** PATH, HOME and the version managers' own settings (PYENV_VERSION...), so a shim picks what the harness's PATH would. */
function probeEnv(): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/' };
  for (const [name, value] of Object.entries(process.env)) if (/^(PYENV_|VIRTUAL_ENV$|CONDA_PREFIX$)/.test(name) && value) env[name] = value;
  return env;
}

/** The prefixes (sys.prefix, sys.base_prefix) and bin directory of a python found at `file`, asked from python itself. */
async function pythonPrefix(file: string): Promise<{ prefixes: string[]; bin: string } | undefined> {
  const script = 'import json, os, sys; print(json.dumps([sys.prefix, sys.base_prefix, os.path.realpath(sys.executable)]))';
  try {
    const { stdout } = await run(file, ['-c', script], { timeout: 10_000, env: probeEnv() });
    const [prefix, base, exe] = JSON.parse(stdout) as [string, string, string];
    return { prefixes: [...new Set([await realpath(prefix), await realpath(base)])], bin: path.dirname(exe) };
  } catch {
    return undefined;
  }
}

/** The node prefix of the running harness: its bin directory's parent. */
async function nodePrefix(): Promise<{ prefixes: string[]; bin: string }> {
  const exe = await realpath(process.execPath);
  const bin = path.dirname(exe);
  return { prefixes: [path.basename(bin) === 'bin' ? path.dirname(bin) : bin], bin };
}

/**
 * Works out the toolchains a command may use from the host PATH: every visible PATH entry, and for each
 * interpreter the first PATH entry provides, that interpreter's real prefix (a pyenv shim directory is
 * replaced by `<prefix>/bin`, since the shims need all of `~/.pyenv`). Entries under /root or /home that
 * are not an interpreter's are dropped.
 */
export async function toolchainView(hostPath: string, hidden: string[]): Promise<ToolchainView> {
  const prefixes = new Set<string>((await nodePrefix()).prefixes.filter((p) => !isSystem(p)));
  const replace = new Map<string, string>();
  const entries = hostPath.split(':').filter((d) => path.isAbsolute(d));
  for (const name of INTERPRETERS) {
    const dir = await (async () => {
      for (const d of entries) if (await executable(path.join(d, name))) return d;
      return undefined;
    })();
    if (!dir || isSystem(dir) || replace.has(dir)) continue;
    const found = name === 'node' ? await nodePrefix() : await pythonPrefix(path.join(dir, name));
    if (!found) continue;
    for (const p of found.prefixes) if (!isSystem(p)) prefixes.add(p);
    replace.set(dir, found.bin);
  }
  const inner: string[] = [];
  for (const dir of entries) {
    const mapped = replace.get(dir);
    if (mapped) inner.push(mapped);
    else if (isSystem(dir)) inner.push(dir);
    else if (!PRIVATE.test(dir) && !hidden.some((h) => within(h, dir)) && (await isDir(dir))) {
      inner.push(dir);
      prefixes.add(dir);
    }
  }
  for (const p of [...prefixes]) if ([...prefixes].some((q) => q !== p && within(q, p))) prefixes.delete(p);
  return { prefixes: [...prefixes].sort(), path: [...new Set(inner)].join(':') };
}
