import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type Options, type ResultPromise } from 'execa';
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

/** A port nothing listens on (it was free a moment ago). */
export async function deadPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/** The base URL a starting `crucible sim serve` process prints; rejects if it exits first. */
export function simUrl(server: ResultPromise): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let buf = '';
    server.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(buf);
      if (m) resolve(m[1]!);
    });
    server.once('exit', () => reject(new Error(`sim serve exited: ${buf}`)));
  });
}

/** `crucible sim serve` as its own process on a free port; resolves once it listens. */
export async function simServe(args: string[] = []): Promise<{ url: string; stop(): Promise<void> }> {
  const server = execa('node', [BIN, 'sim', 'serve', '--port', '0', ...args], { cwd: ROOT, reject: false });
  const stop = async () => {
    server.kill('SIGTERM');
    await server;
  };
  try {
    return { url: await simUrl(server), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
