import { setMaxListeners } from 'node:events';
import PQueue from 'p-queue';
import { errorFamily, type EpisodeRecord, type ErrorCode, type RunBudget } from '@crucible/core';
import { CircuitBreaker, type BreakerOptions } from './circuit-breaker.js';
import { episodeTokens } from './episode-cost.js';
import type { EpisodeExecutor, EpisodeJob, ExecutedEpisode } from './episode-job.js';
import { ErrorTally } from './error-tally.js';
import { ResourceLimits } from './resource-limits.js';
import type { ProgressEvent } from './run-config.js';

/** What the scheduler enforces while it hands jobs out. */
export interface SchedulerOptions {
  /** Episodes in flight at once. */
  concurrency: number;
  /** Resources every episode of this environment holds (for example `sandbox`), and their limits. */
  resources?: readonly string[];
  resourceLimits?: Record<string, number>;
  budget?: RunBudget;
  /** What earlier attempts of the run already spent: budgets cover the whole run, resumes included. */
  spent?: { tokens: number; costUsd: number };
  breaker?: BreakerOptions;
  signal?: AbortSignal;
  /** For progress: the run's planned episodes and those an earlier attempt recorded. */
  total: number;
  skipped: number;
  onProgress?: (event: ProgressEvent) => void;
}

/** What a scheduled batch of jobs did. */
export interface SchedulerOutcome {
  ran: number;
  errors: number;
  /** Ids of the episodes recorded now. */
  recorded: Set<string>;
  budgetStopped?: string;
  endpointDown?: string;
  cancelled: boolean;
  topErrors: Array<{ message: string; count: number }>;
}

/**
 * Decides what runs when: at most `concurrency` jobs in flight, each holding its resources' slots; no new job
 * once a budget is spent, the run is cancelled or the circuit breaker finds the endpoint down. Finished
 * episodes go to `record` (the single writer) one by one; an episode that ends while the run is being cut
 * is dropped (it may have been cut anywhere), so a resume runs it again.
 */
export class Scheduler {
  constructor(private readonly options: SchedulerOptions) {}

  /** Runs `jobs` through `executor`; `record` stores one finished episode and returns its stored record. */
  async run(jobs: Iterable<EpisodeJob>, executor: EpisodeExecutor, record: (done: ExecutedEpisode) => Promise<EpisodeRecord>): Promise<SchedulerOutcome> {
    const { options } = this;
    const outcome: SchedulerOutcome = { ran: 0, errors: 0, recorded: new Set(), cancelled: false, topErrors: [] };
    const tally = new ErrorTally();
    const breaker = options.breaker ? new CircuitBreaker(options.breaker) : undefined;
    const controller = new AbortController();
    setMaxListeners(0, controller.signal); // one listener per in-flight call across all episodes
    const onAbort = () => controller.abort();
    if (options.signal?.aborted) controller.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const queue = new PQueue({ concurrency: Math.max(1, options.concurrency) });
    const limits = new ResourceLimits(options.resourceLimits ?? {});
    let spentTokens = options.spent?.tokens ?? 0;
    let spentCost = options.spent?.costUsd ?? 0;
    let fatal: unknown;

    const checkBudget = (): boolean => {
      if (outcome.budgetStopped === undefined) {
        const { budget } = options;
        const reason =
          budget?.maxTokens !== undefined && spentTokens >= budget.maxTokens
            ? `token budget of ${budget.maxTokens} reached`
            : budget?.maxCostUsd !== undefined && spentCost >= budget.maxCostUsd
              ? `cost budget of $${budget.maxCostUsd} reached`
              : undefined;
        if (reason) {
          outcome.budgetStopped = reason;
          queue.clear();
        }
      }
      return outcome.budgetStopped !== undefined;
    };
    const stop = (err?: unknown) => {
      if (err !== undefined) fatal ??= err;
      queue.clear();
      controller.abort();
    };

    const runJob = async (job: EpisodeJob) => {
      if (controller.signal.aborted || checkBudget()) return;
      let stored: EpisodeRecord;
      try {
        const done = await limits.run(options.resources ?? [], () => executor.execute(job, controller.signal));
        if (controller.signal.aborted) return;
        stored = await record(done);
      } catch (err) {
        // The executor or the store is gone: stop the run (in-flight episodes end as cancelled) and report it once.
        if (!controller.signal.aborted) stop(err);
        return;
      }
      outcome.ran++;
      outcome.recorded.add(stored.id);
      if (stored.status === 'error') {
        outcome.errors++;
        tally.add(stored.error?.message ?? stored.exitReason);
      }
      spentTokens += episodeTokens(stored);
      spentCost += stored.costUsd ?? 0;
      checkBudget();
      options.onProgress?.({
        done: options.skipped + outcome.ran,
        total: options.total,
        skipped: options.skipped,
        record: { id: stored.id, taskId: stored.taskId, point: stored.point, passed: stored.score.passed, exitReason: stored.exitReason, status: stored.status },
      });
      if (breaker && !outcome.endpointDown) {
        const down = await breaker.record(isInfraError(stored), { pause: () => queue.pause(), resume: () => queue.start() });
        if (down && !outcome.endpointDown) {
          // Stop cleanly: nothing new starts, in-flight episodes are cut and not recorded (a resume reruns them).
          outcome.endpointDown = down;
          queue.start();
          stop();
        }
      }
    };

    for (const job of jobs) void queue.add(() => runJob(job));
    try {
      await queue.onIdle();
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
    if (fatal) throw fatal;
    outcome.cancelled = options.signal?.aborted === true;
    outcome.topErrors = tally.top(5);
    return outcome;
  }
}

/** An episode that ended in an infra error (endpoint, sandbox, store), as the circuit breaker counts them. */
function isInfraError(record: EpisodeRecord): boolean {
  if (record.status !== 'error' || !record.error) return false;
  try {
    return errorFamily(record.error.code as ErrorCode) === 'infra';
  } catch {
    return false;
  }
}
