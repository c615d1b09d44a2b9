// The floor of the run-path bench: a bare loop of `openai` SDK chat calls, CONCURRENCY at once, against the
// latency server. Usage: node sdk-floor.mjs BASE_URL COUNT CONCURRENCY [stream]; prints {"wallS": ...}.
import OpenAI from 'openai';

const [baseURL, count, concurrency, mode] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), process.argv[5]];
const stream = mode === 'stream';
const sdk = new OpenAI({ apiKey: 'bench', baseURL, maxRetries: 0 });
let next = 0;
const t0 = performance.now();
async function lane() {
  while (next < count) {
    next++;
    const body = { model: 'bench', messages: [{ role: 'user', content: 'What is 6 x 7?' }] };
    if (stream) {
      const events = await sdk.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } });
      for await (const _ of events);
    } else {
      await sdk.chat.completions.create(body);
    }
  }
}
await Promise.all(Array.from({ length: concurrency }, lane));
console.log(JSON.stringify({ wallS: (performance.now() - t0) / 1000 }));
