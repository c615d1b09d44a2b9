// A small OpenAI-compatible server with a fixed latency, for benches: every chat completion is answered after
// LATENCY_MS with a call of the offered submit tool ({"answer":"42"}) or, without tools, the text "#### 42".
// Non-streamed responses only (benches run the CLI with --no-stream). Usage: latency-server.ts LATENCY_MS
// Prints `listening on http://127.0.0.1:PORT/v1` once ready.
import { createServer } from 'node:http';

const latencyMs = Number(process.argv[2] ?? 50);
let served = 0;

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url?.endsWith('/models')) {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ object: 'list', data: [{ id: 'bench-model', object: 'model', owned_by: 'bench' }] }));
    return;
  }
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    const request = JSON.parse(body || '{}') as { model?: string; n?: number; tools?: Array<{ function?: { name?: string } }> };
    const tool = request.tools?.find((t) => /submit|answer/i.test(t.function?.name ?? ''))?.function?.name;
    const n = request.n ?? 1;
    setTimeout(() => {
      served++;
      const message = tool
        ? { role: 'assistant', content: null, tool_calls: [{ id: `call_${served}`, type: 'function', function: { name: tool, arguments: '{"answer":"42"}' } }] }
        : { role: 'assistant', content: 'The answer is 42.\n#### 42' };
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: `cmpl-${served}`,
          object: 'chat.completion',
          created: 0,
          model: request.model ?? 'bench-model',
          choices: Array.from({ length: n }, (_, index) => ({ index, finish_reason: tool ? 'tool_calls' : 'stop', message })),
          usage: { prompt_tokens: 50, completion_tokens: 10 * n, total_tokens: 50 + 10 * n },
        }),
      );
    }, latencyMs);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(`listening on http://127.0.0.1:${port}/v1\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
