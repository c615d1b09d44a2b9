import { describe, expect, it } from 'vitest';
import { formatWorkerEvent } from './worker-events.js';

const ref = { runId: 'run-1', episodeId: 'ep7', env: 'math', taskId: 't3', point: 'effort=high' };

describe('formatWorkerEvent', () => {
  it('prints one line per event that names the run, task, point and episode', () => {
    expect(formatWorkerEvent({ type: 'start', attempt: 1, ...ref })).toBe('start  run-1 math/t3 [effort=high] ep7');
    expect(formatWorkerEvent({ type: 'start', attempt: 2, ...ref })).toBe('start  run-1 math/t3 [effort=high] ep7 (attempt 2)');
    expect(formatWorkerEvent({ type: 'done', ms: 12, status: 'ok', exitReason: 'submitted', score: 1, ...ref })).toBe(
      'done   run-1 math/t3 [effort=high] ep7 ok submitted score=1 12 ms',
    );
    expect(formatWorkerEvent({ type: 'draining', active: 2 })).toBe('draining: finishing 2 episode(s) in flight, taking no new ones');
  });
});
