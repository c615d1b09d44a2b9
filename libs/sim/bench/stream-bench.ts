// Streamed against non-streamed model calls at 64-way concurrency, against a latency server in a child
// process (the sim with latency and a token rate): wall and client CPU per episode (one model call), and ratios.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createSimClient } from '../src/index.js';
import { asked } from '../test/scripted.js';


const CONCURRENCY = 64;
const EPISODES = 128;
const env = { ...process.env, LATENCY_MS: '100', TOKENS_PER_SECOND: '500', CHUNK_TOKENS: '8' };
const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', fileURLToPath(new URL('./latency-server.ts', import.meta.url))], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const [line] = (await once(child.stdout, 'data')) as [Buffer];
const url = line.toString().trim();

async function measure(stream: boolean): Promise<{ wallMs: number; cpuMs: number; tokens: number }> {
  const client = createSimClient({ baseUrl: url, maxConcurrency: CONCURRENCY, stream });
  const cpu = process.cpuUsage();
  const started = performance.now();
  let tokens = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < EPISODES) {
        const i = next++;
        const r = await client.generate({ messages: [{ role: 'user', content: `bench question ${i}` }], reasoningEffort: 'high', seed: i, context: asked('bench') });
        tokens += r.usage.completionTokens;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000, tokens };
}

// ROUNDS rounds of each, interleaved (the machine is shared: a neighbour's burst hits both alike); ONLY=streamed
// or ONLY=whole runs one path alone, for a profile (node --cpu-prof).
const ROUNDS = Number(process.env['ROUNDS'] ?? 3);
const only = process.env['ONLY'];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  // Warm-up of both paths: JIT, sockets.
  if (only !== 'whole') await measure(true);
  if (only !== 'streamed') await measure(false);
  const runs: Record<'whole' | 'streamed', Array<Awaited<ReturnType<typeof measure>>>> = { whole: [], streamed: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const stream of [false, true]) {
      if (only === (stream ? 'whole' : 'streamed')) continue;
      runs[stream ? 'streamed' : 'whole'].push(await measure(stream));
    }
  }
  console.log(`latency server: sim in a child process, ${env.LATENCY_MS} ms to first byte, ${env.TOKENS_PER_SECOND} tokens/s per stream, ${env.CHUNK_TOKENS} tokens per SSE chunk`);
  console.log(`${EPISODES} episodes (one model call each, reasoning effort high) at ${CONCURRENCY}-way concurrency, ${ROUNDS} rounds each after a warm-up of each, medians`);
  const rows = (Object.entries(runs) as Array<[string, Array<Awaited<ReturnType<typeof measure>>>]>).filter(([, xs]) => xs.length > 0);
  const stats: Record<string, { wallMs: number; cpuMs: number }> = {};
  for (const [label, xs] of rows) {
    const wallMs = median(xs.map((m) => m.wallMs));
    const cpuMs = median(xs.map((m) => m.cpuMs));
    stats[label] = { wallMs, cpuMs };
    const cpus = xs.map((m) => (m.cpuMs / EPISODES).toFixed(3)).join(' ');
    const name = label === 'whole' ? 'non-streamed' : label;
    console.log(`${name.padEnd(13)} wall ${(wallMs / 1000).toFixed(2)} s = ${(wallMs / EPISODES).toFixed(2)} ms/episode; client CPU ${cpuMs.toFixed(0)} ms = ${(cpuMs / EPISODES).toFixed(3)} ms/episode (rounds: ${cpus}); ${xs[0]!.tokens} completion tokens`);
  }
  const whole = stats['whole'];
  const streamed = stats['streamed'];
  if (whole && streamed) {
    const wallRatio = streamed.wallMs / whole.wallMs;
    const cpuRatio = streamed.cpuMs / whole.cpuMs;
    console.log(`streamed/non-streamed: wall ${wallRatio.toFixed(3)}, CPU ${cpuRatio.toFixed(3)} (goal: at most 1.10 each)${wallRatio <= 1.1 && cpuRatio <= 1.1 ? '' : '  ABOVE GOAL'}`);
    // The CPU a stream adds, per episode and per SSE chunk, against the wall time of the episode it belongs to.
    const extraCpu = (streamed.cpuMs - whole.cpuMs) / EPISODES;
    const chunks = runs.streamed[0]!.tokens / EPISODES / Number(env.CHUNK_TOKENS);
    console.log(`streaming adds ${extraCpu.toFixed(3)} ms client CPU per episode (~${chunks.toFixed(0)} SSE chunks: ${((1000 * extraCpu) / chunks).toFixed(1)} us per chunk) = ${((100 * extraCpu) / (streamed.wallMs / (EPISODES / CONCURRENCY))).toFixed(3)}% of one episode's wall time`);
  }
} finally {
  child.kill('SIGTERM');
}
