import { readFile } from 'node:fs/promises';
import { execa, type ResultPromise } from 'execa';
import { BIN, ROOT } from './cli.js';

/** A `crucible` process running in the background (a worker or a coordinator), its output collected as it comes. */
export interface CrucibleProcess {
  proc: ResultPromise;
  output(): string;
  /** Resolves once the output (stdout and stderr) matches; rejects if the process exits first or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Sends `signal` (if it still runs) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<CrucibleProcess>();

/** Starts `crucible ARGS` in the background. */
export function spawnCrucible(args: string[], env: Record<string, string> = {}): CrucibleProcess {
  const proc = execa('node', [BIN, ...args], { cwd: ROOT, reject: false, all: true, env, timeout: 180_000 });
  let out = '';
  const listeners = new Set<() => void>();
  proc.all!.on('data', (d: Buffer) => {
    out += d.toString();
    for (const l of [...listeners]) l();
  });
  const exited = proc.then(() => undefined);
  const handle: CrucibleProcess = {
    proc,
    output: () => out,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`no output matching ${pattern} in ${timeoutMs} ms:\n${out}`)), timeoutMs);
        const check = () => pattern.test(out) && done();
        const done = (err?: Error) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (err) reject(err);
          else resolve();
        };
        listeners.add(check);
        void exited.then(() => setTimeout(() => (pattern.test(out) ? done() : done(new Error(`exited before ${pattern}:\n${out}`))), 50));
        check();
      });
    },
    async stop(signal = 'SIGKILL') {
      if (proc.exitCode === undefined || proc.exitCode === null) proc.kill(signal);
      await exited;
      running.delete(handle);
    },
  };
  running.add(handle);
  return handle;
}

/** Kills every process {@link spawnCrucible} started that still runs (for afterEach). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop('SIGKILL')));
}

/** `crucible worker` on a Redis; resolves once it is ready. */
export async function startCrucibleWorker(redis: string, args: string[] = [], env: Record<string, string> = {}): Promise<CrucibleProcess> {
  const worker = spawnCrucible(['worker', '--redis', redis, ...args], env);
  await worker.waitFor(/ready on redis:/);
  return worker;
}

/**
 * Episode records of a run without what differs between two runs of the same plan: run id, timings, and the prompt
 * tokens a prefix cache served (with their price). Those depend on which requests the serving process saw earlier
 * (the sim models a provider's prefix cache per server, so one sim per worker sees a different history than one sim
 * per local run, and even a local run's order varies with timing).
 */
export async function comparableRecords(episodesFile: string): Promise<unknown[]> {
  const lines = (await readFile(episodesFile, 'utf8')).trim().split('\n').filter(Boolean);
  return lines.map((line) => withoutVolatile(JSON.parse(line), true) as Record<string, unknown>).sort((a, b) => String(a['id']).localeCompare(String(b['id'])));
}

const VOLATILE = new Set(['startedAt', 'finishedAt', 'wallMs', 'cachedTokens', 'cost', 'costUsd']);

function withoutVolatile(value: unknown, top = false): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutVolatile(v));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !VOLATILE.has(k) && !(top && k === 'runId'))
      .map(([k, v]) => [k, withoutVolatile(v)]),
  );
}

/** Ids of the episodes in a run's episodes.jsonl, in file order. */
export async function recordIds(episodesFile: string): Promise<string[]> {
  const text = await readFile(episodesFile, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { id: string }).id);
}

/** Episode ids a worker printed a `start` line for, once per start. */
export function startedEpisodes(workerOutput: string): string[] {
  return [...workerOutput.matchAll(/^start\s+\S+ .* (ep-[0-9a-f]+)/gm)].map((m) => m[1]!);
}
