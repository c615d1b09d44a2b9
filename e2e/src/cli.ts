import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type Options } from 'execa';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The `crucible` binary as users run it. */
export const BIN = join(ROOT, 'apps/cli/bin/crucible.js');

/** Runs the real `crucible` binary as a subprocess; never throws on a non-zero exit. */
export function crucible(args: string[], options: Options = {}) {
  return execa('node', [BIN, ...args], { cwd: ROOT, reject: false, timeout: 120_000, ...options });
}

/** A fresh temp directory. */
export function tempDir(prefix = 'crucible-e2e-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}
