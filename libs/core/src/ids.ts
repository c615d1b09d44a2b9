import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** Hex SHA-256 of the canonical JSON of `value`. */
export function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/**
 * A deterministic id: `prefix-` and the first `length` hex digits of the hash of everything
 * that defines the thing. Rerunning the same plan yields the same ids, which is what resume relies on.
 */
export function stableId(prefix: string, parts: unknown, length = 16): string {
  return `${prefix}-${hashOf(parts).slice(0, length)}`;
}

/** A run id that sorts by time and stays unique: `YYYYMMDD-HHMMSS-xxxx`. */
export function newRunId(now = new Date(), suffix = Math.random().toString(16).slice(2, 6)): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  const time = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  return `${date}-${time}-${suffix}`;
}
