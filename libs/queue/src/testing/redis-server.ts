import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrucibleError } from '@crucible/core';

/** Options for {@link startRedisServer}. */
export interface RedisServerOptions {
  /** Keep data across {@link RedisServer.restart} with an append-only file (fsync on every write). Default: no persistence. */
  persist?: boolean;
  /** The redis-server binary; default `redis-server` on PATH (Debian package `redis-server`). */
  binary?: string;
  /** How long to wait for the server to answer PING, in ms. */
  readyTimeoutMs?: number;
}

/** A real `redis-server` child process on a loopback port, for tests and benches. */
export interface RedisServer {
  /** `redis://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** The temp directory holding its data (removed by {@link RedisServer.stop}). */
  readonly dir: string;
  /** Stops the server (SIGTERM, so an append-only file is flushed) and starts it again on the same port and directory. */
  restart(): Promise<void>;
  /** Stops the server only; {@link RedisServer.start} brings it back on the same port. */
  stopServer(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its temp directory. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts `redis-server` on a free 127.0.0.1 port in a fresh temp dir and resolves once it answers PING. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const binary = options.binary ?? 'redis-server';
  const readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
  const dir = await mkdtemp(join(tmpdir(), 'crucible-redis-'));
  let port = await freePort();
  let child: ChildProcess | undefined;
  let stopped = false;

  const args = () => [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--daemonize', 'no',
    '--protected-mode', 'no', '--loglevel', 'warning', '--logfile', '',
    ...(options.persist ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
  ];

  async function start(): Promise<void> {
    // redis logs to stdout (`--logfile ""`), at level warning: startup failures such as a taken port.
    const proc = spawn(binary, args(), { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let stderr = '';
    const collect = (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4_000));
    proc.stdout?.on('data', collect);
    proc.stderr?.on('data', collect);
    const spawnError = new Promise<never>((_, reject) => {
      proc.once('error', (err) =>
        reject(new CrucibleError('queue_error', `cannot start ${binary}: ${err.message}`, {
          cause: err, hint: 'install it (Debian: apt-get install -y redis-server)', retryable: false,
        })));
      proc.once('exit', (code) => reject(new CrucibleError('queue_error', `${binary} exited with ${code}: ${stderr.trim()}`)));
    });
    spawnError.catch(() => undefined);
    await Promise.race([waitForPong(port, readyTimeoutMs), spawnError]);
  }

  async function stopServer(): Promise<void> {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  // The free port can be taken between the check and redis binding it; another port then, a few times.
  for (let attempt = 1; ; attempt++) {
    try {
      await start();
      break;
    } catch (err) {
      await stopServer();
      if (attempt < 3 && String((err as Error).message).includes('Address already in use')) {
        port = await freePort();
        continue;
      }
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    start,
    stopServer,
    async restart() {
      await stopServer();
      await start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopServer();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A port the OS says is free now (there is a small race until redis binds it; tests accept it). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when a raw RESP PING gets +PONG (no client library needed, so no reconnect noise). */
async function waitForPong(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await pingOnce(port)) return;
    if (Date.now() > deadline) throw new CrucibleError('queue_error', `redis-server on port ${port} did not answer PING in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      reply += d.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}
