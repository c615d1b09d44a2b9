/** Why a run did not run every planned episode, or ended with error episodes. */
export type IncompleteReason = 'cancelled' | 'budget' | 'endpoint_down' | 'errors';

/**
 * How much of its plan a run holds: part of every result, so a partial run never passes for a whole one.
 * `done` episodes were scored, `errors` ended in an infra error (not scored), `skipped` were planned and never
 * run (cancelled, budget, endpoint down). `complete` is true only when every planned episode was scored.
 */
export interface Completeness {
  complete: boolean;
  planned: number;
  done: number;
  errors: number;
  skipped: number;
  reason?: IncompleteReason;
  /** Human words for the reason, for example "token budget of 2000 reached". */
  detail?: string;
}

/** Builds a {@link Completeness} from counts; the reason is the stop reason, else `errors` when any episode errored. */
export function completenessOf(counts: { planned: number; done: number; errors: number }, stop?: { reason: Exclude<IncompleteReason, 'errors'>; detail?: string }): Completeness {
  const skipped = Math.max(0, counts.planned - counts.done - counts.errors);
  const complete = skipped === 0 && counts.errors === 0;
  const reason = stop?.reason ?? (counts.errors > 0 ? 'errors' : skipped > 0 ? 'cancelled' : undefined);
  return { complete, planned: counts.planned, done: counts.done, errors: counts.errors, skipped, ...(complete ? {} : { reason, ...(stop?.detail ? { detail: stop.detail } : {}) }) };
}

const REASON_WORDS: Record<IncompleteReason, string> = {
  cancelled: 'cancelled',
  budget: 'stopped by the run budget',
  endpoint_down: 'stopped: the endpoint went down',
  errors: 'episodes ended in error',
};

/**
 * The one-line banner every output leads with when a run is partial, for example
 * "PARTIAL RUN (cancelled): 43 of 500 episodes scored, 0 errors, 457 not run; figures cover the scored episodes only".
 */
export function completenessBanner(c: Completeness): string {
  if (c.complete) return `Complete run: ${c.done} of ${c.planned} episodes scored.`;
  const why = c.reason ? ` (${REASON_WORDS[c.reason]}${c.detail ? `: ${c.detail}` : ''})` : '';
  const rerun = c.reason === 'budget' ? 'raise the budget and rerun' : 'rerun';
  return `PARTIAL RUN${why}: ${c.done} of ${c.planned} episodes scored, ${c.errors} errors, ${c.skipped} not run; figures cover the scored episodes only (${rerun} with the same --run-id to finish).`;
}
