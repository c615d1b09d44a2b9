// Streamed against non-streamed model calls at 64-way concurrency, against a latency server in a child
// process (the sim with latency and a token rate): wall and client CPU per episode (one model call), and ratios.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createModelClient } from '../src/index.js';

const CONCURRENCY = 64;
const EPISODES = 128;
const env = { ...process.env, LATENCY_MS: '100', TOKENS_PER_SECOND: '500', CHUNK_TOKENS: '8' };
const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', fileURLToPath(new URL('./latency-server.ts', import.meta.url))], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const [line] = (await once(child.stdout, 'data')) as [Buffer];
const url = line.toString().trim();

async function measure(stream: boolean): Promise<{ wallMs: number; cpuMs: number; tokens: number }> {
  const client = createModelClient({ model: 'sim', baseUrl: url, maxConcurrency: CONCURRENCY, stream });
  const cpu = process.cpuUsage();
  const started = performance.now();
  let tokens = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < EPISODES) {
        const i = next++;
        const r = await client.generate({ messages: [{ role: 'user', content: `bench question ${i}` }], reasoningEffort: 'high', seed: i, simTaskKey: 'bench' });
        tokens += r.usage.completionTokens;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000, tokens };
}

try {
  await measure(true); // warm-up: JIT, sockets
  const rows: Array<[string, Awaited<ReturnType<typeof measure>>]> = [];
  for (const stream of [false, true, false, true]) rows.push([stream ? 'streamed' : 'whole', await measure(stream)]);
  const avg = (label: string) => {
    const xs = rows.filter(([l]) => l === label).map(([, m]) => m);
    return { wallMs: xs.reduce((s, m) => s + m.wallMs, 0) / xs.length, cpuMs: xs.reduce((s, m) => s + m.cpuMs, 0) / xs.length, tokens: xs[0]!.tokens };
  };
  console.log(`latency server: sim in a child process, ${env.LATENCY_MS} ms to first byte, ${env.TOKENS_PER_SECOND} tokens/s per stream, ${env.CHUNK_TOKENS} tokens per SSE chunk`);
  console.log(`${EPISODES} episodes (one model call each, reasoning effort high) at ${CONCURRENCY}-way concurrency, two rounds each, averaged`);
  const whole = avg('whole');
  const streamed = avg('streamed');
  for (const [label, m] of [['non-streamed', whole], ['streamed', streamed]] as const) {
    console.log(`${label.padEnd(13)} wall ${(m.wallMs / 1000).toFixed(2)} s = ${(m.wallMs / EPISODES).toFixed(2)} ms/episode; client CPU ${m.cpuMs.toFixed(0)} ms = ${(m.cpuMs / EPISODES).toFixed(3)} ms/episode; ${m.tokens} completion tokens`);
  }
  const wallRatio = streamed.wallMs / whole.wallMs;
  const cpuRatio = streamed.cpuMs / whole.cpuMs;
  console.log(`streamed/non-streamed: wall ${wallRatio.toFixed(3)}, CPU ${cpuRatio.toFixed(3)} (goal: at most 1.10 each)${wallRatio <= 1.1 && cpuRatio <= 1.1 ? '' : '  ABOVE GOAL'}`);
  // The CPU a stream adds, against the wall time of the episode it belongs to.
  const extraCpu = (streamed.cpuMs - whole.cpuMs) / EPISODES;
  console.log(`streaming adds ${extraCpu.toFixed(3)} ms client CPU per episode = ${((100 * extraCpu) / (streamed.wallMs / (EPISODES / CONCURRENCY))).toFixed(3)}% of one episode's wall time`);
} finally {
  child.kill('SIGTERM');
}
