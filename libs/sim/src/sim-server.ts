import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CrucibleError } from '@crucible/core';
import { z } from 'zod';
import { JUDGE_KEY_PREFIX } from './judge-policy.js';
import { chatBody, chatStream } from './chat-format.js';
import { buildCompletion, type Completion } from './completion.js';
import { responseBody, responsesStream, SimResponsesRequestSchema, toChatRequest } from './responses-format.js';
import { writeSse } from './sse-writer.js';
import type { StreamEvent } from './stream-plan.js';
import { FaultPlan } from './faults.js';
import { readBody, sendError, sendJson } from './http-util.js';
import { PrefixCache } from './prefix-cache.js';
import { SIM_TASK_HEADER } from './sim-header.js';
import { prefillOf, SimChatRequestSchema, type SimChatRequest } from './sim-request.js';
import type { SimFaultKind, SimServer, SimServerOptions, SimStats } from './sim-types.js';
import { TaskScriptSchema, type TaskScript } from './task-script.js';

const TaskRegistrationSchema = z.union([
  z.object({ key: z.string().min(1), script: TaskScriptSchema }),
  z.object({ tasks: z.array(z.object({ key: z.string().min(1), script: TaskScriptSchema })) }),
]);

const emptyStats = (): Omit<SimStats, 'tasks'> => ({
  requests: 0,
  completions: 0,
  promptTokens: 0,
  completionTokens: 0,
  faultsInjected: {},
  maxInFlight: 0,
  streams: 0,
  cutStreams: 0,
  continuations: 0,
  reasoningItemsReceived: 0,
});

type StreamFault = 'stall' | 'stall-first' | 'disconnect';
const STREAM_FAULTS: ReadonlySet<string> = new Set(['stall', 'stall-first', 'disconnect']);

/** The body parsed by `schema`, or undefined after answering 400 with the first issue's path and message. */
function parseOr400<T>(schema: z.ZodType<T>, json: unknown, res: ServerResponse): T | undefined {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  sendError(res, 400, `invalid request: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`, { param: issue?.path.join('.') ?? null });
  return undefined;
}

const wait = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

/**
 * Starts the sim: an OpenAI-compatible chat completions server whose "model" is a simulated policy
 * (it is a test double and a demo, and says so in every output). It learns the task only from the
 * `x-crucible-sim-task` header and the scripts registered for that key, never from the prompt.
 */
export async function startSimServer(opts: SimServerOptions = {}): Promise<SimServer> {
  const seed = opts.seed ?? 0;
  const maxN = opts.maxN ?? 128;
  const contextWindow = opts.contextWindow ?? 128_000;
  const retryAfterMs = opts.faults?.retryAfterMs ?? 20;
  const hints = new Map<string, TaskScript>();
  const cache = new PrefixCache();
  const faults = new FaultPlan(opts.faults ?? {}, seed);
  let stats = emptyStats();
  let inFlight = 0;
  let malformedCount = 0;

  const count = (kind: string) => {
    stats.faultsInjected[kind] = (stats.faultsInjected[kind] ?? 0) + 1;
  };

  /** Reads the body, applies latency and faults; resolves to the parsed JSON, or undefined when it answered already. */
  async function intake(req: IncomingMessage, res: ServerResponse): Promise<{ json: unknown; streamFault?: StreamFault } | undefined> {
    stats.requests++;
    const text = await readBody(req);
    const fault = faults.next();
    const extra = faults.extraLatency();
    if (extra > 0) count('extraLatency');
    await wait((opts.latencyMs ?? 0) + extra);
    if (fault) count(fault);
    if (fault && !STREAM_FAULTS.has(fault)) {
      injectFault(fault as Exclude<SimFaultKind, StreamFault>, req, res);
      return undefined;
    }
    try {
      return { json: JSON.parse(text), streamFault: (fault ?? undefined) as StreamFault | undefined };
    } catch {
      sendError(res, 400, 'request body is not valid JSON');
      return undefined;
    }
  }

  /** Checks model, n and context; answers with the error and returns undefined when the request cannot be served. */
  function admit(req: IncomingMessage, res: ServerResponse, request: SimChatRequest): Completion | undefined {
    if (!request.model.startsWith('sim')) {
      sendError(res, 404, `The model \`${request.model}\` does not exist; the sim serves "sim"`, { code: 'model_not_found', param: 'model' });
      return undefined;
    }
    if ((request.n ?? 1) > maxN) {
      sendError(res, 400, `n must be at most ${maxN} on this server (got n=${request.n})`, { param: 'n' });
      return undefined;
    }
    const prompt = cache.count(request.tools, request.messages);
    if (prompt.promptTokens > contextWindow) {
      sendError(res, 400, `This model's maximum context length is ${contextWindow} tokens; your messages resulted in ${prompt.promptTokens} tokens`, {
        code: 'context_length_exceeded',
        param: 'messages',
      });
      return undefined;
    }
    const header = req.headers[SIM_TASK_HEADER];
    const taskKey = typeof header === 'string' ? header : undefined;
    const hint = taskKey ? hints.get(taskKey.startsWith(JUDGE_KEY_PREFIX) ? taskKey.slice(JUDGE_KEY_PREFIX.length) : taskKey) : undefined;
    const completion = buildCompletion({ request, hint, taskKey, serverSeed: seed, prompt, faults, thinking: opts.thinking ?? 'auto' });
    for (let i = 0; i < completion.brokenToolCalls; i++) count('invalidToolArgs');
    if (prefillOf(request) !== undefined) stats.continuations++;
    stats.completions += request.n ?? 1;
    stats.promptTokens += prompt.promptTokens;
    return completion;
  }

  /** Sends a completion streamed or whole; a stream fault cuts a stream, or stalls or drops a whole response. */
  async function deliver(res: ServerResponse, completion: Completion, stream: { events: StreamEvent[]; done?: string } | undefined, body: () => unknown, fault: StreamFault | undefined): Promise<void> {
    if (!stream) {
      if (fault === 'disconnect') return void res.socket?.destroy();
      if (fault) return new Promise<void>((resolve) => res.once('close', () => resolve()));
      // A throttled sim takes as long to answer whole as to stream: the longest choice at the token rate.
      const rate = opts.tokensPerSecond ?? 0;
      if (rate > 0) await wait((Math.max(...completion.outputs.map((o) => o.reasoningTokens + o.contentTokens)) / rate) * 1000);
      stats.completionTokens += completion.completionTokens;
      return sendJson(res, 200, body());
    }
    stats.streams++;
    const written = await writeSse(res, stream.events, {
      tokensPerSecond: opts.tokensPerSecond ?? 0,
      choices: completion.outputs.length,
      fault,
      cutAfter: opts.faults?.cutAfter ?? 0.5,
      idleGapMs: opts.faults?.idleGapMs ?? 0,
      idleGapEveryTokens: opts.faults?.idleGapEveryTokens ?? 0,
      done: stream.done,
    });
    stats.completionTokens += written.tokens;
    if (written.cut) stats.cutStreams++;
  }

  async function chat(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const got = await intake(req, res);
    if (!got) return;
    const parsed = parseOr400(SimChatRequestSchema, got.json, res);
    if (!parsed) return;
    const completion = admit(req, res, parsed);
    if (!completion) return;
    const stream = parsed.stream ? { events: chatStream(completion, opts.chunkTokens ?? 16), done: '[DONE]' } : undefined;
    return deliver(res, completion, stream, () => chatBody(completion), got.streamFault);
  }

  async function responses(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const got = await intake(req, res);
    if (!got) return;
    const parsed = parseOr400(SimResponsesRequestSchema, got.json, res);
    if (!parsed) return;
    const { chat: request, reasoningItems } = toChatRequest(parsed);
    stats.reasoningItemsReceived += reasoningItems;
    const completion = admit(req, res, request);
    if (!completion) return;
    const stream = parsed.stream ? { events: responsesStream(completion, opts.chunkTokens ?? 16) } : undefined;
    return deliver(res, completion, stream, () => responseBody(completion), got.streamFault);
  }

  function injectFault(fault: Exclude<SimFaultKind, StreamFault>, req: IncomingMessage, res: ServerResponse): void {
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault === '429') {
      const headers = { 'retry-after-ms': String(retryAfterMs), 'retry-after': String(Math.ceil(retryAfterMs / 1000)) };
      return sendError(res, 429, '[sim] injected rate limit', { type: 'rate_limit_error', code: 'rate_limit_exceeded', headers });
    }
    if (fault === '500') return sendError(res, 500, '[sim] injected server error', { type: 'server_error' });
    // Cycle through the ways a body goes wrong: truncated JSON, JSON without choices, an HTML error page.
    const variant = malformedCount++ % 3;
    if (variant === 0) {
      const body = '{"id":"chatcmpl-sim-truncated","object":"chat.completion","choices":[{"index":0,"mess';
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      return void res.end(body);
    }
    if (variant === 1) return sendJson(res, 200, { id: 'chatcmpl-sim-empty', object: 'chat.completion', model: 'sim' });
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body>[sim] 502 Bad Gateway</body></html>');
  }

  async function tasks(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(await readBody(req));
    } catch {
      return sendError(res, 400, 'body is not valid JSON; send {key, script} or {tasks: [{key, script}]}');
    }
    const parsed = TaskRegistrationSchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      return sendError(res, 400, `invalid task registration: ${issues}`);
    }
    const list = 'tasks' in parsed.data ? parsed.data.tasks : [parsed.data];
    for (const t of list) hints.set(t.key, t.script);
    sendJson(res, 200, { registered: list.length, tasks: hints.size });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const key = `${req.method} ${path}`;
    if (key === 'POST /v1/chat/completions' || key === 'POST /v1/responses') {
      inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
      try {
        return await (key === 'POST /v1/responses' ? responses(req, res) : chat(req, res));
      } finally {
        inFlight--;
      }
    }
    if (key === 'GET /v1/models') return sendJson(res, 200, { object: 'list', data: [{ id: 'sim', object: 'model', created: 0, owned_by: 'crucible-sim' }] });
    if (key === 'POST /sim/tasks') return tasks(req, res);
    if (key === 'GET /sim/stats') return sendJson(res, 200, server.stats());
    if (key === 'POST /sim/stats/reset') {
      server.resetStats();
      return sendJson(res, 200, server.stats());
    }
    if (key === 'GET /health') return sendJson(res, 200, { ok: true, model: 'sim', simulated: true });
    sendError(res, 404, `[sim] no route ${key}`, { type: 'not_found' });
  }

  const http = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) sendError(res, 500, `[sim] internal error: ${(err as Error).message}`, { type: 'server_error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', (err: NodeJS.ErrnoException) => {
      const inUse = err.code === 'EADDRINUSE';
      reject(
        new CrucibleError('invalid_flag', inUse ? `port ${opts.port} is already in use` : `sim cannot listen: ${err.message}`, {
          cause: err,
          hint: inUse ? 'pass another --port, or --port 0 for a free one' : undefined,
        }),
      );
    });
    http.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;

  const server: SimServer = {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}/v1`,
    port,
    registerTask(key, script) {
      const parsed = TaskScriptSchema.safeParse(script);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
        throw new CrucibleError('invalid_task', `sim script for task "${key}" is invalid: ${issues}`, { hint: 'fix the script the environment\'s `testing` export gives this task' });
      }
      hints.set(key, parsed.data);
    },
    stats: () => ({ ...stats, faultsInjected: { ...stats.faultsInjected }, tasks: hints.size }),
    resetStats() {
      stats = emptyStats();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        http.close((err) => (err ? reject(err) : resolve()));
        http.closeAllConnections();
      }),
  };
  return server;
}
