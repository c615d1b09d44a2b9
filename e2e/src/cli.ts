import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type Options } from 'execa';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The `crucible` binary as users run it. */
export const BIN = join(ROOT, 'apps/cli/bin/crucible.js');

/** What a finished CLI process left behind. */
export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `crucible` binary as a subprocess; never throws on a non-zero exit. */
export async function crucible(args: string[], options: Options = {}): Promise<CliResult> {
  const res = await execa('node', [BIN, ...args], { cwd: ROOT, reject: false, timeout: 120_000, ...options });
  return { exitCode: res.exitCode ?? -1, stdout: String(res.stdout), stderr: String(res.stderr) };
}

/** A fresh temp directory. */
export function tempDir(prefix = 'crucible-e2e-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}
