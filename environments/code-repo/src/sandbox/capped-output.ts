/**
 * Collects a process's output up to a byte limit, keeping the head and the tail
 * (errors usually sit at the end) and counting what was dropped in between.
 */
export class CappedOutput {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  total = 0;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    const headRoom = Math.floor(this.limit / 2) - this.headBytes;
    if (headRoom > 0) {
      const part = chunk.subarray(0, headRoom);
      this.head.push(part);
      this.headBytes += part.length;
      chunk = chunk.subarray(part.length);
    }
    if (chunk.length === 0) return;
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    const tailLimit = this.limit - Math.floor(this.limit / 2);
    for (let first = this.tail[0]; first && this.tailBytes - first.length >= tailLimit; first = this.tail[0]) {
      this.tailBytes -= first.length;
      this.tail.shift();
    }
  }

  get truncated(): boolean {
    return this.total > this.limit;
  }

  /** The kept text, with a visible note where bytes were dropped. */
  text(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    let tail = Buffer.concat(this.tail);
    if (!this.truncated) return head + tail.toString('utf8');
    const tailLimit = this.limit - Math.floor(this.limit / 2);
    tail = tail.subarray(Math.max(0, tail.length - tailLimit));
    const dropped = this.total - this.headBytes - tail.length;
    return `${head}\n[... output truncated: ${dropped} bytes omitted of ${this.total}; showing the first and last ${Math.round(this.limit / 2048)} KiB ...]\n${tail.toString('utf8')}`;
  }
}
