import pLimit, { type LimitFunction } from 'p-limit';

/**
 * Named concurrency limits (model connections, sandbox slots). An episode that needs several resources
 * takes them in a fixed (sorted) order, so two episodes can never wait on each other.
 */
export class ResourceLimits {
  private readonly limiters = new Map<string, LimitFunction>();

  constructor(limits: Record<string, number>) {
    for (const [name, n] of Object.entries(limits)) this.limiters.set(name, pLimit(Math.max(1, n)));
  }

  /** Runs `fn` holding one slot of each named resource that has a limit. */
  run<T>(resources: readonly string[], fn: () => Promise<T>): Promise<T> {
    const names = [...new Set(resources)].filter((r) => this.limiters.has(r)).sort();
    const wrapped = names.reduceRight<() => Promise<T>>((inner, name) => () => this.limiters.get(name)!(inner), fn);
    return wrapped();
  }
}
