
// setTimeout overflows above 2^31-1 ms and fires at once; "no cap" is this.
const NEVER_MS = 2_000_000_000;

/**
 * The timers of one attempt: an idle timer reset by every chunk, and an optional wall cap. Either aborts
 * `signal` and records why, so the caller can tell its own cut from the caller's abort.
 */
export class StreamWatchdog {
  private readonly controller = new AbortController();
  private idle?: NodeJS.Timeout;
  private lastActivity = performance.now();
  private readonly wall?: NodeJS.Timeout;
  private readonly onParentAbort: () => void;
  /** Set when a timer cut the attempt. */
  reason?: 'idle_timeout' | 'wall_timeout';

  /** Aborts the request: by a timer, or when the caller's signal aborts. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  constructor(
    private readonly idleMs: number,
    wallMs: number | undefined,
    private readonly parent: AbortSignal | undefined,
  ) {
    this.onParentAbort = () => this.controller.abort(parent?.reason);
    parent?.addEventListener('abort', this.onParentAbort, { once: true });
    if (wallMs !== undefined) this.wall = setTimeout(() => this.cut('wall_timeout'), Math.min(wallMs, NEVER_MS));
    this.touch();
  }

  /** Something arrived: the idle clock starts again. Cheap: streams call it for every read. */
  touch(): void {
    this.lastActivity = performance.now();
    if (this.idle === undefined) this.arm(this.idleMs);
  }

  // One timer per idle period, not per chunk: when it fires early because of activity, it re-arms for the rest.
  private arm(ms: number): void {
    this.idle = setTimeout(() => {
      const quiet = performance.now() - this.lastActivity;
      if (quiet >= this.idleMs) this.cut('idle_timeout');
      else this.arm(this.idleMs - quiet);
    }, Math.min(Math.max(1, ms), NEVER_MS));
  }

  /** Clears the timers and the listener on the caller's signal. */
  stop(): void {
    clearTimeout(this.idle);
    this.idle = undefined;
    clearTimeout(this.wall);
    this.parent?.removeEventListener('abort', this.onParentAbort);
  }

  private cut(reason: 'idle_timeout' | 'wall_timeout'): void {
    if (this.controller.signal.aborted) return;
    this.reason = reason;
    this.controller.abort(new DOMException(reason, 'AbortError'));
  }
}
