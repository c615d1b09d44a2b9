// The floor under streamed CPU: the same 64-way load on the same latency server, read by bare node:http with
// no SDK, no assembler and no watchdog. "whole" reads one JSON body and parses it once; "stream, bytes only"
// receives the SSE body and does nothing with it (what one network read per chunk costs by itself);
// "stream + JSON.parse" also parses each event's JSON, which any client that uses the deltas must do.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const CONCURRENCY = 64;
const EPISODES = 128;
const ROUNDS = Number(process.env['ROUNDS'] ?? 3);
const env = { ...process.env, LATENCY_MS: '100', TOKENS_PER_SECOND: '500', CHUNK_TOKENS: '8' };
const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', fileURLToPath(new URL('./latency-server.ts', import.meta.url))], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const [line] = (await once(child.stdout, 'data')) as [Buffer];
const url = new URL(`${line.toString().trim()}/chat/completions`);
const agent = new http.Agent({ keepAlive: true });
type Mode = 'whole' | 'bytes' | 'parse';

function episode(i: number, mode: Mode): Promise<number> {
  const body = JSON.stringify({ model: 'sim', messages: [{ role: 'user', content: `bench question ${i}` }], reasoning_effort: 'high', seed: i, ...(mode === 'whole' ? {} : { stream: true, stream_options: { include_usage: true } }) });
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-crucible-sim-task': 'bench' } }, (res) => {
      const chunks: Buffer[] = [];
      let events = 0;
      res.on('data', (b: Buffer) => {
        if (mode === 'whole') chunks.push(b);
        else if (mode === 'parse') {
          for (const block of b.toString().split('\n\n')) {
            if (!block.startsWith('data: {')) continue;
            JSON.parse(block.slice(6));
            events++;
          }
        }
      });
      res.on('end', () => resolve(mode === 'whole' ? (JSON.parse(Buffer.concat(chunks).toString()) as { usage: { completion_tokens: number } }).usage.completion_tokens : events));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function measure(mode: Mode): Promise<number> {
  const cpu = process.cpuUsage();
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => { while (next < EPISODES) await episode(next++, mode); }));
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000 / EPISODES;
}

try {
  const modes: Mode[] = ['whole', 'bytes', 'parse'];
  for (const mode of modes) await measure(mode); // warm-up
  const runs: Record<Mode, number[]> = { whole: [], bytes: [], parse: [] };
  for (let r = 0; r < ROUNDS; r++) for (const mode of modes) runs[mode].push(await measure(mode));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`bare node:http floor, same latency server and load (${EPISODES} episodes at ${CONCURRENCY}-way, ${ROUNDS} rounds, medians)`);
  for (const [mode, label] of [['whole', 'whole JSON        '], ['bytes', 'stream, bytes only'], ['parse', 'stream + JSON.parse']] as const) {
    console.log(`${label} client CPU ${median(runs[mode]).toFixed(3)} ms/episode (rounds: ${runs[mode].map((x) => x.toFixed(3)).join(' ')}) = ${(median(runs[mode]) / median(runs.whole)).toFixed(2)}x whole`);
  }
} finally {
  child.kill('SIGTERM');
}
