/** Settings of the run's circuit breaker. */
export interface BreakerOptions {
  /** Consecutive episodes ending in an infra error that trip it. Default 5. */
  threshold?: number;
  /** Checks the endpoint (and the judge's); rejects when it is down. */
  probe: () => Promise<void>;
}

/** Default number of consecutive infra failures that trip the breaker. */
export const DEFAULT_BREAKER_THRESHOLD = 5;

/**
 * Counts consecutive infra failures across episodes. At the threshold the run pauses new starts and probes
 * the endpoint once (concurrent callers share that probe): up again, the count restarts; still down, the run
 * stops. Without it, a dead endpoint costs every remaining episode its full retry schedule.
 */
export class CircuitBreaker {
  private consecutive = 0;
  private probing: Promise<string | undefined> | undefined;
  private readonly threshold: number;

  constructor(private readonly options: BreakerOptions) {
    this.threshold = Math.max(1, options.threshold ?? DEFAULT_BREAKER_THRESHOLD);
  }

  /**
   * Records one finished episode. Resolves to why the endpoint is down when the breaker tripped and the probe
   * failed, else undefined. `pause`/`resume` bracket the probe so no episode starts meanwhile.
   */
  async record(infraFailure: boolean, hooks: { pause(): void; resume(): void }): Promise<string | undefined> {
    if (this.probing) return this.probing;
    if (!infraFailure) {
      this.consecutive = 0;
      return undefined;
    }
    if (++this.consecutive < this.threshold) return undefined;
    hooks.pause();
    this.probing = this.options.probe().then(
      () => {
        this.consecutive = 0;
        this.probing = undefined;
        hooks.resume();
        return undefined;
      },
      (err: unknown) => `${this.consecutive} episodes in a row failed and the endpoint does not answer: ${(err as Error).message}`,
    );
    return this.probing;
  }
}
