import { CHARS_PER_TOKEN } from './policy-constants.js';

/** One event of a streamed response and the completion tokens it carries (billed once it is sent). */
export interface StreamEvent {
  /** SSE event name (Responses API); none for chat completions. */
  event?: string;
  data: unknown;
  tokens: number;
}

/** Text split into chunks of `chunkTokens` tokens (by the sim's 4 characters per token). */
export function textChunks(text: string, chunkTokens: number): string[] {
  const size = Math.max(1, chunkTokens) * CHARS_PER_TOKEN;
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Spreads `tokens` over `count` chunks so they add up. */
export function spread(tokens: number, count: number): number[] {
  if (count === 0) return [];
  return Array.from({ length: count }, (_, i) => Math.floor(tokens / count) + (i < tokens % count ? 1 : 0));
}

/** Interleaves per-choice event lists round-robin, as a server decoding n choices in one batch streams them. */
export function interleave(lists: StreamEvent[][]): StreamEvent[] {
  const out: StreamEvent[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i]!);
  return out;
}
