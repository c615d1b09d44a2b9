// The bench's latency server, in its own process so the bench measures the client's CPU alone:
// the sim with a fixed first-byte latency and a token rate, answering streamed or whole in the same time.
import { startSimServer } from '../src/index.js';
import { keyOf, ANSWER_FORMATS } from '../test/scripted.js';

const server = await startSimServer({ latencyMs: Number(process.env['LATENCY_MS'] ?? 100), tokensPerSecond: Number(process.env['TOKENS_PER_SECOND'] ?? 4000), chunkTokens: Number(process.env['CHUNK_TOKENS'] ?? 4) });
server.registerTask(keyOf('bench'), { kind: 'answer', difficulty: 3, answer: '42', wrongAnswers: ['41', '24'], formats: ANSWER_FORMATS });
process.stdout.write(`${server.url}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
