// Scale-out bench (issue 11): single-turn math episodes against a latency server in its own process.
// Rows: a bare `openai` SDK loop (the floor), `crucible run` with the local executor, and `crucible run --queue`
// with 1, 2 and 4 `crucible worker` processes on a real redis-server. Prints wall / ideal, wall / floor and peak RSS.
// Wall is what `crucible run` reports (from the start of the run, after start-up); "process" is the whole command.
// Env: BENCH_EPISODES (5000), BENCH_CONCURRENCY (64), BENCH_LATENCY_MS (50), BENCH_WORKERS ("1,2,4").
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import OpenAI from 'openai';
import { startRedisServer } from '@crucible/queue/testing';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'apps/cli/bin/crucible.js');

const EPISODES = Number(process.env['BENCH_EPISODES'] ?? 5_000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 64);
const LATENCY_MS = Number(process.env['BENCH_LATENCY_MS'] ?? 50);
const WORKERS = (process.env['BENCH_WORKERS'] ?? '1,2,4').split(',').map(Number);
const IDEAL_S = (Math.ceil(EPISODES / CONCURRENCY) * LATENCY_MS) / 1000;
// The latency server needs no key; the client wants one, and a fake one proves none is needed on the queue.
const ENV = { OPENAI_API_KEY: 'bench-no-key' };

interface Row {
  name: string;
  wallS: number;
  processS?: number;
  rssMb?: number;
  note?: string;
}

/** Peak resident memory of a set of processes, sampled from /proc every 100 ms (Linux). */
function rssSampler(pids: () => Array<number | undefined>): { stop(): number } {
  const peak = new Map<number, number>();
  const sample = () => {
    for (const pid of pids()) {
      if (!pid) continue;
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? /VmRSS:\s+(\d+)/.exec(status)?.[1]);
        if (kb > (peak.get(pid) ?? 0)) peak.set(pid, kb);
      } catch {
        // exited
      }
    }
  };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      sample();
      clearInterval(timer);
      return [...peak.values()].reduce((a, b) => a + b, 0) / 1024;
    },
  };
}

async function startLatencyServer(): Promise<{ url: string; proc: ResultPromise }> {
  const proc = execa('node', ['--import', 'tsx', join(ROOT, 'e2e/bench/latency-server.ts'), String(LATENCY_MS)], { cwd: ROOT, reject: false });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    void proc.then(() => reject(new Error(`latency server exited: ${out}`)));
  });
  return { url, proc };
}

async function sdkFloor(url: string): Promise<Row> {
  const sdk = new OpenAI({ baseURL: url, apiKey: 'bench-no-key', maxRetries: 0 });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < EPISODES) {
        await sdk.chat.completions.create({ model: 'bench-model', messages: [{ role: 'user', content: `What is ${next} + 1?` }] });
      }
    }),
  );
  return { name: 'openai SDK loop (floor)', wallS: (performance.now() - started) / 1000 };
}

/** One `crucible run`; returns its reported wall time, the whole process's and the peak RSS of it and `others`. */
async function crucibleRun(out: string, runId: string, url: string, extra: string[], others: () => Array<number | undefined> = () => []): Promise<Omit<Row, 'name'>> {
  const started = performance.now();
  const proc = execa(
    'node',
    [BIN, 'run', '--env', 'math', '--model', 'bench-model', '--base-url', url, '--no-stream', '--tasks', String(EPISODES), '--concurrency', String(CONCURRENCY), '--out', out, '--run-id', runId, ...extra],
    { cwd: ROOT, reject: false, env: ENV },
  );
  const rss = rssSampler(() => [proc.pid, ...others()]);
  const res = await proc;
  const processS = (performance.now() - started) / 1000;
  const rssMb = rss.stop();
  if (res.exitCode !== 0) throw new Error(`crucible run ${runId} failed (${res.exitCode}):\n${res.stderr}\n${res.stdout}`);
  const wallS = Number(/wall time: ([\d.]+) s/.exec(String(res.stdout))?.[1]);
  return { wallS, processS, rssMb };
}

async function queueRun(out: string, url: string, workers: number): Promise<Row> {
  const redis = await startRedisServer();
  const perWorker = Math.ceil(CONCURRENCY / workers);
  const procs = Array.from({ length: workers }, () =>
    execa('node', [BIN, 'worker', '--redis', redis.url, '--concurrency', String(perWorker)], { cwd: ROOT, reject: false, env: ENV, all: true }),
  );
  try {
    await Promise.all(
      procs.map(
        (p) =>
          new Promise<void>((resolve, reject) => {
            let text = '';
            const onData = (d: Buffer) => {
              text += d.toString();
              if (/ready on redis:/.test(text)) {
                p.all!.off('data', onData);
                p.all!.resume();
                resolve();
              }
            };
            p.all!.on('data', onData);
            void p.then(() => reject(new Error(`worker exited: ${text}`)));
          }),
      ),
    );
    // Workers print a line per episode start and end; nobody reads them here beyond draining the pipe.
    const row = await crucibleRun(out, `queue-${workers}`, url, ['--queue', redis.url], () => procs.map((p) => p.pid));
    return { name: `BullMQ executor, ${workers} worker${workers > 1 ? 's' : ''} x ${perWorker}`, ...row, note: 'RSS: coordinator + workers' };
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs);
    await redis.stop();
  }
}

function table(rows: Row[], floorS: number): string {
  const header = ['configuration', 'wall s', 'wall / ideal', 'wall / floor', 'process s', 'peak RSS MB'];
  const lines = rows.map((r) => [
    r.name + (r.note ? ` (${r.note})` : ''),
    r.wallS.toFixed(2),
    `${(r.wallS / IDEAL_S).toFixed(2)}x`,
    `${(r.wallS / floorS).toFixed(2)}x`,
    r.processS !== undefined ? r.processS.toFixed(2) : '-',
    r.rssMb !== undefined ? r.rssMb.toFixed(0) : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [fmt(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n');
}

async function main(): Promise<void> {
  const out = await mkdtemp(join(tmpdir(), 'crucible-scale-bench-'));
  const server = await startLatencyServer();
  try {
    const floor = await sdkFloor(server.url);
    const rows: Row[] = [floor];
    rows.push({ name: 'local executor (crucible run)', ...(await crucibleRun(out, 'local', server.url, [])) });
    for (const w of WORKERS) rows.push(await queueRun(out, server.url, w));
    process.stdout.write(
      `scale-out bench: ${EPISODES} single-turn math episodes, concurrency ${CONCURRENCY}, latency ${LATENCY_MS} ms ` +
        `(ideal ${IDEAL_S.toFixed(2)} s), ${cpus().length} cores; latency server in its own process\n${table(rows, floor.wallS)}\n`,
    );
  } finally {
    server.proc.kill('SIGTERM');
    await server.proc;
    await rm(out, { recursive: true, force: true });
  }
}

await main();
