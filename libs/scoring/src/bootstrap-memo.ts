import { createHash } from 'node:crypto';

/** The bootstrap parameters that, with a column's values, fix its interval: the same draws, the same percentiles. */
export interface BootstrapKey {
  seed: number;
  resamples: number;
  confidence: number;
}

// A summary asks for the same interval several times: the compute curve's score at k is the k-curve's maj@k (or
// best@k, or pass@1) column, `finalizeRun` asks for both, and with one sample per task pass@1 and maj@1 are one column.
// Bounded, and keyed by a digest of the values, so it holds a few hundred small objects and no columns.
const MAX_ENTRIES = 512;

/**
 * Bootstrap intervals already computed, by parameters and a SHA-256 of the column's values (as float64 bytes).
 * An interval depends on nothing else: every column of one call shares the draws of a stream seeded by `seed`.
 */
export class BootstrapMemo<T> {
  private readonly entries = new Map<string, T>();

  /** The memo key of a column under the given parameters. */
  key(params: BootstrapKey, column: readonly number[]): string {
    const bytes = Float64Array.from(column);
    const digest = createHash('sha256').update(new Uint8Array(bytes.buffer)).digest('base64');
    return `${params.seed}/${params.resamples}/${params.confidence}/${column.length}/${digest}`;
  }

  get(key: string): T | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Least recently used goes first.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: T): void {
    this.entries.set(key, value);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }
}
