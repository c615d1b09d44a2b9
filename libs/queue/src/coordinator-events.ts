import type { WorkerInfo } from './worker-registry.js';

/** What the coordinator side reports besides results; `crucible run --queue` prints them with {@link formatCoordinatorEvent}. */
export type CoordinatorEvent =
  | { type: 'no-workers'; pending: number }
  | { type: 'version-mismatch'; workspaceVersion: string; workers: WorkerInfo[]; pending: number }
  | { type: 'reconnected'; pending: number }
  | { type: 'error'; message: string };

/** One line for a terminal. */
export function formatCoordinatorEvent(event: CoordinatorEvent): string {
  switch (event.type) {
    case 'no-workers':
      return `queue: ${event.pending} episode(s) waiting and no worker is connected; start one with: crucible worker --redis <url>`;
    case 'version-mismatch': {
      const seen = event.workers.map((w) => `${w.host} pid ${w.pid}: ${w.workspaceVersion}`).join(', ');
      return (
        `queue: no connected worker runs workspace version ${event.workspaceVersion} (${seen}); ` +
        `${event.pending} episode(s) wait for a matching worker (install this checkout on the workers)`
      );
    }
    case 'reconnected':
      return `queue: reconnected to Redis; checking ${event.pending} episode(s) in flight`;
    case 'error':
      return `queue: redis: ${event.message}`;
  }
}
