import type { RunOutcome } from '@crucible/orchestrator';
import { EXIT } from './exit-codes.js';

/** The lines a run ends with (after the results table) that say how it ended, and its exit code. */
export function runEnding(outcome: RunOutcome): { lines: string[]; code: number } {
  const lines: string[] = [];
  if (outcome.topErrors.length > 0) {
    lines.push('most frequent errors:');
    for (const e of outcome.topErrors) lines.push(`  ${String(e.count).padStart(5)} x ${e.message}`);
  }
  if (outcome.endpointDown) lines.push(`stopped: ${outcome.endpointDown}; ${outcome.notRun.length} episodes not run; fix the endpoint and rerun with the same --run-id to resume`);
  const code = outcome.cancelled
    ? EXIT.cancelled
    : outcome.endpointDown || outcome.errors > 0
      ? EXIT.failure // error episodes are results, but a run with any is not a clean run: CI must see it
      : outcome.budgetStopped
        ? EXIT.budget
        : EXIT.ok;
  return { lines, code };
}
