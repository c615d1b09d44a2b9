// A fixed-latency OpenAI-compatible chat completions server for the run-path bench, run in its own process
// so its CPU is not the harness's. Usage: node latency-server.mjs LATENCY_MS  (prints "port N" when listening)
// Answers after LATENCY_MS with a call of the offered tool whose name has "submit"/"answer" (arguments
// {"answer":"42"}), else with the text "The answer is 42.\n#### 42"; streamed (SSE) when the request asks.
import http from 'node:http';

const latency = Number(process.argv[2] ?? 50);
let served = 0;
const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') return res.end(JSON.stringify({ served }));
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let n = 1, model = 'bench', tool = null, stream = false;
    try {
      const j = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      n = j.n ?? 1;
      model = j.model ?? model;
      stream = j.stream === true;
      const t = (j.tools ?? []).find((t) => /submit|answer/i.test(t?.function?.name ?? ''));
      if (t) tool = t.function.name;
    } catch {}
    setTimeout(() => {
      served++;
      const id = `cmpl-${served}`;
      const usage = { prompt_tokens: 50, completion_tokens: 10 * n, total_tokens: 50 + 10 * n };
      const call = (i) => ({ index: 0, id: `call_${served}_${i}`, type: 'function', function: { name: tool, arguments: '{"answer":"42"}' } });
      const finish = tool ? 'tool_calls' : 'stop';
      if (!stream) {
        const choices = Array.from({ length: n }, (_, i) => ({
          index: i,
          finish_reason: finish,
          message: tool ? { role: 'assistant', content: null, tool_calls: [call(i)] } : { role: 'assistant', content: 'The answer is 42.\n#### 42' },
        }));
        res.setHeader('content-type', 'application/json');
        return res.end(JSON.stringify({ id, object: 'chat.completion', created: 0, model, choices, usage }));
      }
      res.setHeader('content-type', 'text/event-stream');
      const event = (choices, extra = {}) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model, choices, ...extra })}\n\n`;
      let body = '';
      for (let i = 0; i < n; i++) {
        body += event([{ index: i, delta: tool ? { role: 'assistant', tool_calls: [call(i)] } : { role: 'assistant', content: 'The answer is 42.\n' } }]);
        if (!tool) body += event([{ index: i, delta: { content: '#### 42' } }]);
        body += event([{ index: i, delta: {}, finish_reason: finish }]);
      }
      body += event([], { usage });
      res.end(`${body}data: [DONE]\n\n`);
    }, latency);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log(`port ${server.address().port}`));
