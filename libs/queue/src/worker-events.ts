/** Which episode a worker event is about. */
export interface EpisodeRef {
  runId: string;
  episodeId: string;
  env: string;
  taskId: string;
  point: string;
}

/** What a worker reports as it goes; `crucible worker` prints each one with {@link formatWorkerEvent}. */
export type WorkerEvent =
  | { type: 'ready'; workerId: string; redis: string; workspaceVersion: string; concurrency: number }
  | ({ type: 'start'; attempt: number } & EpisodeRef)
  | ({ type: 'done'; ms: number; status: string; exitReason: string; score: number } & EpisodeRef)
  | ({ type: 'failed'; ms: number; message: string } & EpisodeRef)
  | ({ type: 'refused'; jobVersion: string; workerVersion: string } & EpisodeRef)
  | { type: 'draining'; active: number }
  | { type: 'stopped'; completed: number; failed: number }
  | { type: 'error'; message: string };

/** One line for a terminal. */
export function formatWorkerEvent(event: WorkerEvent): string {
  const ref = (e: EpisodeRef) => `${e.runId} ${e.env}/${e.taskId} [${e.point}] ${e.episodeId}`;
  switch (event.type) {
    case 'ready':
      return `worker ${event.workerId} ready on ${event.redis}: workspace ${event.workspaceVersion}, concurrency ${event.concurrency}`;
    case 'start':
      return `start  ${ref(event)}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`;
    case 'done':
      return `done   ${ref(event)} ${event.status} ${event.exitReason} score=${event.score} ${event.ms} ms`;
    case 'failed':
      return `failed ${ref(event)} after ${event.ms} ms: ${event.message}`;
    case 'refused':
      return (
        `refused ${ref(event)}: the run needs workspace version ${event.jobVersion}, this worker has ${event.workerVersion}; ` +
        'left on the queue for a matching worker (install the same Crucible checkout on this machine to take it)'
      );
    case 'draining':
      return `draining: finishing ${event.active} episode(s) in flight, taking no new ones`;
    case 'stopped':
      return `stopped: ${event.completed} episode(s) done, ${event.failed} failed`;
    case 'error':
      return `redis: ${event.message}`;
  }
}
