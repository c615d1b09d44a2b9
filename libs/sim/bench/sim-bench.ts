// Prints sim throughput through the real client: single-sample requests, and batched n=64 requests.
import { startSimServer } from '../src/index.js';
import { createSimClient } from '../src/index.js';
import { asked, keyOf, ANSWER_FORMATS } from '../test/scripted.js';

const server = await startSimServer();
server.registerTask(keyOf('bench'), { kind: 'answer', difficulty: 3, answer: '42', wrongAnswers: ['41', '24'], formats: ANSWER_FORMATS });
const client = createSimClient({ baseUrl: server.url, maxConcurrency: 8 });

async function time(label: string, requests: number, n: number): Promise<void> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: requests }, (_, i) =>
      client.generate({ messages: [{ role: 'user', content: `bench question ${i}` }], n, seed: i, context: asked('bench') }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label}: ${requests} requests, ${requests * n} samples in ${seconds.toFixed(2)} s = ${(requests / seconds).toFixed(0)} req/s, ${((requests * n) / seconds).toFixed(0)} samples/s`);
}

await time('n=1 ', 500, 1);
await time('n=64', 50, 64);
console.log(JSON.stringify(server.stats()));
await server.close();
