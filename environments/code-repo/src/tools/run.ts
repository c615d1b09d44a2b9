import type { RunResult } from '../sandbox/run-command.js';

/** The `run` tool's observation: the output, then exit status, time and any limit that cut it. */
export function formatRunResult(result: RunResult, timeoutSec: number): string {
  const parts: string[] = [];
  if (!result.sandboxed) parts.push('[warning: ran WITHOUT a sandbox (--unsafe-no-sandbox)]');
  parts.push(result.output.trimEnd() === '' ? '(no output)' : result.output.trimEnd());
  const seconds = (result.durationMs / 1000).toFixed(2);
  if (result.timedOut) {
    parts.push(`[timed out after ${timeoutSec} s: the command and every process it started were killed]`);
  } else if (result.aborted) {
    parts.push('[cancelled: the episode was stopped]');
  } else {
    parts.push(`[exit code ${result.exitCode ?? `signal ${result.signal}`} after ${seconds} s]`);
  }
  if (result.limitHit && result.limitHit !== 'wall_time') {
    parts.push(`[limit hit (${result.limitHit}): ${result.limitMessage ?? 'a resource limit stopped the command'}]`);
  }
  return parts.join('\n');
}
