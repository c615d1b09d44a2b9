import { afterEach, describe, expect, it } from 'vitest';
import { gradeCase } from '../grade.js';
import { gradeCaseInline } from '../grade-inline.js';
import { WorkerPool } from './worker-pool.js';

// A real worker thread speaking the grading protocol: `hang` never answers, `crash` exits, anything else
// is answered at once. It tests the pool's scheduling and time limits without depending on how slow a
// particular algebra case happens to be on a loaded machine.
const SCRIPTED = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.gold === 'hang') for (;;) {}
  if (m.gold === 'crash') process.exit(3);
  parentPort.postMessage({ id: m.id, verdict: { equal: m.gold === m.pred, rule: 'exact', extracted: m.pred, extractedBy: 'bare', confidence: 'high', ambiguous: false, gold: m.gold, pred: m.pred } });
});
parentPort.postMessage({ ready: true });
`;

let pool: WorkerPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('WorkerPool', () => {
  it('turns a task that overruns its limit into a timeout, replaces the worker, and keeps serving', async () => {
    pool = new WorkerPool({ script: SCRIPTED, eval: true, execArgv: [] }, 2);
    const started = Date.now();
    const [hung, fine] = await Promise.all([pool.run('hang', 'x', 300), pool.run('1', '1', 5000)]);
    expect(hung).toBe('timeout');
    expect(fine).toMatchObject({ equal: true });
    expect(Date.now() - started).toBeLessThan(10_000);
    // The terminated worker was replaced: more tasks than workers still complete.
    const after = await Promise.all(['a', 'b', 'c'].map((x) => pool!.run(x, x, 5000)));
    expect(after.map((v) => v !== 'timeout' && v.equal)).toEqual([true, true, true]);
  });

  it('keeps the event loop free while a worker is stuck', async () => {
    pool = new WorkerPool({ script: SCRIPTED, eval: true, execArgv: [] }, 1);
    const hung = pool.run('hang', 'x', 500);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    expect(await hung).toBe('timeout');
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
  });

  it('fails the task of a worker that dies with an infra error naming the case', async () => {
    pool = new WorkerPool({ script: SCRIPTED, eval: true, execArgv: [] }, 1);
    await expect(pool.run('crash', 'boom', 5000)).rejects.toMatchObject({ code: 'env_error', family: 'infra' });
    expect(await pool.run('2', '2', 5000)).toMatchObject({ equal: true });
  });
});

describe('gradeCase (the real grading worker)', () => {
  it('gives the pathological expansion a verdict instead of hanging', async () => {
    const v = await gradeCase('x+1', '\\boxed{(a+b+c+d+1)^{12}}');
    expect(v.equal).toBe(false);
    expect(['symbolic', 'timeout']).toContain(v.rule);
    expect(v.extracted).toBe('(a+b+c+d+1)^{12}');
  });

  it('answers many grades concurrently through the pool', async () => {
    // Radicals need compute-engine, so these are not decided on the calling thread (see gradeFastPath).
    const verdicts = await Promise.all(Array.from({ length: 40 }, (_, i) => gradeCase(`${i}\\sqrt{2}`, `so \\boxed{\\sqrt{2} \\cdot ${i}}`)));
    expect(verdicts.map((v) => [v.equal, v.rule])).toEqual(Array.from({ length: 40 }, () => [true, 'latex-numeric']));
  });

  it('gives a plain fraction (decided without a worker) the full grader verdict', async () => {
    const fast = await gradeCase('7/2', 'so \\boxed{\\frac{7}{2}}');
    expect(fast).toEqual(gradeCaseInline('7/2', 'so \\boxed{\\frac{7}{2}}'));
    expect(fast).toMatchObject({ equal: true, rule: 'fraction', pred: '3.5' });
  });
});
