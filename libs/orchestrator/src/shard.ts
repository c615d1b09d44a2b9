import { createHash } from 'node:crypto';
import { CrucibleError } from '@crucible/core';

/** A shard spec `i/n` (1-based i). */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `--shard i/n`. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new CrucibleError('invalid_flag', `--shard "${text}" is not i/n with 1 <= i <= n`, { hint: 'for example --shard 2/4' });
  }
  return { index, count };
}

/** Deterministic shard membership by the episode id's hash: every CI matrix job agrees without talking. */
export function inShard(episodeId: string, shard: Shard | undefined): boolean {
  if (!shard || shard.count === 1) return true;
  const h = createHash('sha256').update(episodeId).digest().readUInt32BE(0);
  return h % shard.count === shard.index - 1;
}
