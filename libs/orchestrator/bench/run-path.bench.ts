/**
 * Per-episode overhead of the local (in-process) run path, end to end through `crucible run`.
 * A fixed-latency OpenAI-compatible server runs in its own process; a bare `openai` SDK loop against it is the
 * floor, measured in the same minute as each Crucible run (the machine is shared: ratios to the floor are what
 * compare across runs). For each scenario it prints wall, wall / ideal, wall / floor, CPU and peak RSS.
 * Goals (issue 11): 5,000 single-turn episodes at 64-way, 50 ms latency, within 1.15x the ideal plus start-up;
 * 20,000 at 1,000-way, 500 ms, within 1.3x; peak RSS under 250 MB for the 20,000.
 * Env: BENCH_SCENARIOS=small,large (default small), BENCH_STREAM=both|on|off (default both). Asserts nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cli = resolve(here, '../../../apps/cli/bin/crucible.js');

interface Scenario { name: string; tasks: number; concurrency: number; latencyMs: number }
const SCENARIOS: Record<string, Scenario> = {
  small: { name: '5,000 x 64-way x 50 ms', tasks: 5000, concurrency: 64, latencyMs: 50 },
  large: { name: '20,000 x 1,000-way x 500 ms', tasks: 20_000, concurrency: 1000, latencyMs: 500 },
};

interface Measured { wallS: number; cpuS?: number; maxRssKB?: number }

/** Runs a command to completion; rejects with its stderr tail on a non-zero exit. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; wallS: number }> {
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done({ stdout, wallS: (performance.now() - t0) / 1000 }) : fail(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

/** Starts the latency server in its own process; resolves once it listens. */
async function startServer(latencyMs: number): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(here, 'latency-server.mjs'), String(latencyMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise<string>((done, fail) => {
    child.once('exit', (code) => fail(new Error(`latency server exited ${code}`)));
    lines.once('line', (line) => done(line.replace('port ', '')));
  });
  return { url: `http://127.0.0.1:${port}/v1`, stop: () => child.kill() };
}

async function floor(url: string, s: Scenario, stream: boolean): Promise<Measured> {
  const { stdout } = await run(process.execPath, [join(here, 'sdk-floor.mjs'), url, String(s.tasks), String(s.concurrency), stream ? 'stream' : 'plain']);
  return JSON.parse(stdout) as Measured;
}

async function crucible(url: string, s: Scenario, stream: boolean, out: string): Promise<Measured> {
  const usageFile = join(out, `usage-${Date.now()}.json`);
  const args = ['--import', join(here, 'report-usage.mjs'), cli, 'run', '--env', 'math', '--model', 'bench', '--base-url', url, '--tasks', String(s.tasks), '--concurrency', String(s.concurrency), '--out', out, ...(stream ? [] : ['--no-stream'])];
  const { wallS } = await run(process.execPath, args, { OPENAI_API_KEY: 'bench', BENCH_USAGE_FILE: usageFile });
  const usage = JSON.parse(await readFile(usageFile, 'utf8')) as { maxRssKB: number; cpuS: number };
  return { wallS, cpuS: usage.cpuS, maxRssKB: usage.maxRssKB };
}

/** Start-up: the CLI doing everything but episodes (a 1-task run), subtracted as the "plus start-up". */
async function startup(url: string, out: string): Promise<number> {
  return (await crucible(url, { name: 'startup', tasks: 1, concurrency: 1, latencyMs: 0 }, false, out)).wallS;
}

const chosen = (process.env['BENCH_SCENARIOS'] ?? 'small').split(',').map((n) => SCENARIOS[n.trim()]!).filter(Boolean);
const modes = { both: [false, true], on: [true], off: [false] }[process.env['BENCH_STREAM'] ?? 'both'] ?? [false, true];
const out = await mkdtemp(join(tmpdir(), 'crucible-bench-run-path-'));
try {
  for (const s of chosen) {
    const server = await startServer(s.latencyMs);
    try {
      const ideal = (Math.ceil(s.tasks / s.concurrency) * s.latencyMs) / 1000;
      const start = await startup(server.url, out);
      console.log(`${s.name}: ideal ${ideal.toFixed(1)} s, CLI start-up (1-task run) ${start.toFixed(2)} s`);
      for (const stream of modes) {
        const f = await floor(server.url, s, stream);
        const c = await crucible(server.url, s, stream, out);
        const net = c.wallS - start;
        const mode = stream ? 'streamed' : '--no-stream';
        console.log(`  ${mode.padEnd(11)} sdk floor ${f.wallS.toFixed(2)} s (${(f.wallS / ideal).toFixed(2)}x ideal)`);
        console.log(
          `  ${mode.padEnd(11)} crucible  ${c.wallS.toFixed(2)} s wall, ${net.toFixed(2)} s less start-up: ${(net / ideal).toFixed(2)}x ideal, ${(net / f.wallS).toFixed(2)}x floor; ` +
            `cpu ${c.cpuS?.toFixed(1)} s (${(((c.cpuS ?? 0) * 1e6) / s.tasks).toFixed(0)} us/episode), peak RSS ${((c.maxRssKB ?? 0) / 1024).toFixed(0)} MB`,
        );
      }
    } finally {
      server.stop();
    }
  }
} finally {
  await rm(out, { recursive: true, force: true });
}
