import { createHash } from 'node:crypto';
import { canonicalJson } from '@crucible/core';
import { CHARS_PER_TOKEN } from './policy-constants.js';

/** Prompt tokens of a request and how many of them a provider's prefix cache would have served. */
export interface PromptCount {
  promptTokens: number;
  cachedTokens: number;
}

/**
 * A bounded LRU of hashes of request prefixes (tools, then whole messages). A request's cached tokens
 * are those of the longest prefix seen before, so append-only multi-turn histories show cache hits
 * as they do on real providers.
 */
export class PrefixCache {
  private readonly seen = new Map<string, true>();

  constructor(private readonly capacity = 10_000) {}

  /** Counts the request's tokens and records its prefixes. */
  count(tools: unknown[] | undefined, messages: unknown[]): PromptCount {
    let chars = tools && tools.length > 0 ? canonicalJson(tools).length : 0;
    let hash = createHash('sha256').update(canonicalJson(tools ?? [])).digest('hex');
    let cachedChars = 0;
    const prefixes: string[] = [];
    for (const message of messages) {
      const text = canonicalJson(message);
      chars += text.length;
      hash = createHash('sha256').update(hash).update(text).digest('hex');
      prefixes.push(hash);
      if (this.seen.has(hash)) cachedChars = chars;
    }
    for (const prefix of prefixes) this.touch(prefix);
    return { promptTokens: Math.ceil(chars / CHARS_PER_TOKEN), cachedTokens: Math.floor(cachedChars / CHARS_PER_TOKEN) };
  }

  private touch(key: string): void {
    this.seen.delete(key);
    this.seen.set(key, true);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value as string);
  }
}
