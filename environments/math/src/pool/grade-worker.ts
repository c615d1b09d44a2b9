/**
 * The grading worker's entry: it says `ready` once its modules are loaded (so loading never counts
 * against a grade's time limit), then answers each `{ id, gold, pred }` with `{ id, verdict }`.
 */
import { parentPort } from 'node:worker_threads';
import { gradeCaseInline } from '../grade-inline.js';

const port = parentPort;
if (port) {
  port.on('message', (task: { id: number; gold: string; pred: string }) => {
    try {
      port.postMessage({ id: task.id, verdict: gradeCaseInline(task.gold, task.pred) });
    } catch (err) {
      port.postMessage({ id: task.id, error: err instanceof Error ? err.message : String(err) });
    }
  });
  port.postMessage({ ready: true });
}
