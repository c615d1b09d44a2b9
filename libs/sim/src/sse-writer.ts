import type { ServerResponse } from 'node:http';
import type { StreamEvent } from './stream-plan.js';

/** How a stream is paced and whether a fault cuts it. */
export interface StreamWriteOptions {
  /** Tokens per second and choice; 0: as fast as the socket takes them. */
  tokensPerSecond: number;
  choices: number;
  fault?: 'stall' | 'stall-first' | 'disconnect';
  /** Share of the tokens streamed before `stall` or `disconnect` strikes. */
  cutAfter: number;
  idleGapMs: number;
  idleGapEveryTokens: number;
  /** Sent after the last event (chat completions' `[DONE]`). */
  done?: string;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes SSE events at the configured token rate, honouring backpressure and stopping when the client
 * hangs up. Returns the tokens actually sent (what a provider bills) and whether the stream was cut.
 */
export async function writeSse(res: ServerResponse, events: StreamEvent[], opts: StreamWriteOptions): Promise<{ tokens: number; cut: boolean }> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-crucible-sim': 'true' });
  res.flushHeaders();
  const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
  const total = events.reduce((n, e) => n + e.tokens, 0);
  const cutAt = opts.fault === undefined ? Infinity : opts.fault === 'stall-first' ? 0 : Math.max(1, Math.floor(total * opts.cutAfter));
  const rate = opts.tokensPerSecond > 0 ? opts.tokensPerSecond * opts.choices : 0;
  const started = performance.now();
  let sent = 0;
  let nextGap = opts.idleGapMs > 0 && opts.idleGapEveryTokens > 0 ? opts.idleGapEveryTokens : Infinity;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (res.destroyed || res.writableEnded) return { tokens: sent, cut: true };
    if (event.tokens > 0 && sent >= cutAt) {
      if (opts.fault === 'disconnect') res.socket?.destroy();
      else await closed; // stall: say nothing until the client gives up
      return { tokens: sent, cut: true };
    }
    if (sent >= nextGap) {
      nextGap += opts.idleGapEveryTokens;
      await wait(opts.idleGapMs);
    }
    if (rate > 0) {
      const ahead = (sent / rate) * 1000 - (performance.now() - started);
      if (ahead >= 1) await wait(ahead);
    } else if (i % 256 === 255) await new Promise((resolve) => setImmediate(resolve));
    const text = `${event.event ? `event: ${event.event}\n` : ''}data: ${JSON.stringify(event.data)}\n\n`;
    sent += event.tokens;
    if (!res.write(text)) await Promise.race([new Promise((resolve) => res.once('drain', resolve)), closed]);
  }
  if (res.destroyed) return { tokens: sent, cut: true };
  res.end(opts.done === undefined ? undefined : `data: ${opts.done}\n\n`);
  return { tokens: sent, cut: false };
}
