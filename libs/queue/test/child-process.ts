import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

/** A TypeScript script run as a real child process (node + tsx), its stdout JSON lines collected. */
export interface ChildScript<L> {
  proc: ChildProcess;
  lines: L[];
  /** Resolves with the first line (seen so far or later) that matches. */
  waitFor(match: (line: L) => boolean, timeoutMs?: number): Promise<L>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  stderr(): string;
}

/** Starts `test/fixtures/<name>.ts` with JSON settings as its argument. */
export function runScript<L>(name: string, settings: unknown): ChildScript<L> {
  const script = fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url));
  const proc = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', script, JSON.stringify(settings)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: L[] = [];
  const waiters: Array<{ match: (line: L) => boolean; resolve: (line: L) => void }> = [];
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  createInterface({ input: proc.stdout! }).on('line', (text) => {
    if (!text.startsWith('{')) return;
    const line = JSON.parse(text) as L;
    lines.push(line);
    for (const w of [...waiters]) {
      if (w.match(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    proc,
    lines,
    exited,
    stderr: () => err,
    waitFor(match, timeoutMs = 20_000) {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name}: no matching line in ${timeoutMs} ms; stderr: ${err}`)), timeoutMs);
        waiters.push({ match, resolve: (line) => (clearTimeout(timer), resolve(line)) });
      });
    },
  };
}

/** Kills a child if it still runs and waits for it to exit. */
export async function stopChild(child: ChildScript<unknown>, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill(signal);
  await child.exited;
}
