import type { ProgressEvent } from '@crucible/orchestrator';

/**
 * Progress on stderr: one rewritten line on a terminal, a line every 10% otherwise (CI logs stay short).
 */
export function progressPrinter(stream: NodeJS.WriteStream): (event: ProgressEvent) => void {
  let lastDecile = -1;
  let passed = 0;
  let finished = 0;
  return (event) => {
    if (event.record) {
      finished++;
      if (event.record.passed) passed++;
    }
    const line = `[${event.done}/${event.total}] passed ${passed}/${finished}${event.skipped ? ` (${event.skipped} resumed)` : ''}`;
    if (stream.isTTY) {
      stream.write(`\r${line}${event.done === event.total ? '\n' : ''}`);
      return;
    }
    const decile = Math.floor((event.done / Math.max(1, event.total)) * 10);
    if (decile !== lastDecile) {
      lastDecile = decile;
      stream.write(`${line}\n`);
    }
  };
}
