import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type Options } from 'execa';
import { afterAll } from 'vitest';

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

const made: string[] = [];
// Each test file imports this module afresh (isolated forks): its temp directories go when the file is done.
afterAll(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A fresh temp directory, removed after the test file. */
export async function tempDir(prefix = 'crucible-e2e-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
