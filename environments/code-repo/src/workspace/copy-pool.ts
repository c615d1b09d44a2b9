/**
 * Copies prepared ahead for the copy fallback: one per source, for the few sources used last, so an episode that
 * opens after the previous one of its repository started takes a ready copy instead of waiting for `cp -a`.
 * Bounded, because a dataset may have hundreds of base commits and each copy is a whole checkout.
 */
export class CopyPool<T> {
  private readonly ready = new Map<string, Promise<T | undefined>>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxSources: number,
    private readonly discard: (item: T) => Promise<void>,
  ) {}

  /** The prepared copy of `key`, if one is ready or being made (its promise; undefined if making it failed). */
  take(key: string): Promise<T | undefined> | undefined {
    const item = this.ready.get(key);
    this.ready.delete(key);
    if (item) this.hits++;
    else this.misses++;
    return item;
  }

  /** Starts preparing a copy of `key` unless one is pooled; drops the least recently filled sources beyond the bound. */
  fill(key: string, make: () => Promise<T>): void {
    if (this.ready.has(key)) return;
    this.ready.set(key, make().catch(() => undefined));
    for (const [oldest, item] of this.ready) {
      if (this.ready.size <= this.maxSources) break;
      this.ready.delete(oldest);
      void item.then((it) => (it === undefined ? undefined : this.discard(it))).catch(() => undefined);
    }
  }

  /** Discards every pooled copy (after those being made are done). */
  async drain(): Promise<void> {
    const items = [...this.ready.values()];
    this.ready.clear();
    for (const it of await Promise.all(items)) if (it !== undefined) await this.discard(it).catch(() => undefined);
  }

  /** Resolves once every copy being made is done (for tests and the bench). */
  async settled(): Promise<void> {
    await Promise.all(this.ready.values());
  }
}
