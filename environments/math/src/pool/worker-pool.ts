import { Worker } from 'node:worker_threads';
import { CrucibleError } from '@crucible/core';
import type { GradeVerdict } from '../grade-verdict.js';
import type { WorkerEntry } from './worker-entry.js';

interface Job {
  id: number;
  gold: string;
  pred: string;
  timeoutMs: number;
  resolve: (v: GradeVerdict | 'timeout') => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
}

/**
 * A fixed-size pool of grading workers with a per-task time limit. The clock starts when a loaded worker
 * receives the task (never while a worker is starting); on timeout that worker is terminated and a new
 * one started, and the task resolves to `'timeout'`. Idle workers are unref'd, so the pool never keeps a
 * process alive.
 */
export class WorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly entry: WorkerEntry,
    private readonly size: number,
  ) {}

  /** Runs one grade; resolves to the verdict or `'timeout'`. */
  run(gold: string, pred: string, timeoutMs: number): Promise<GradeVerdict | 'timeout'> {
    if (this.closed) return Promise.reject(new CrucibleError('env_error', 'the grading pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, gold, pred, timeoutMs, resolve, reject });
      this.dispatch();
    });
  }

  /** Terminates every worker; queued tasks fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new CrucibleError('env_error', 'the grading pool was closed'));
    await Promise.all([...this.slots].map((slot) => this.retire(slot)));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.ready && !slot.job) this.assign(slot, this.queue.shift() as Job);
    }
    // Start workers for what is left, up to the pool size (each takes a job once it is ready).
    const starting = [...this.slots].filter((s) => !s.ready).length;
    for (let n = starting; n < this.queue.length && this.slots.size < this.size; n++) this.spawn();
  }

  private assign(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      slot.job = undefined;
      void this.retire(slot);
      job.resolve('timeout');
      this.dispatch();
    }, job.timeoutMs);
    slot.worker.postMessage({ id: job.id, gold: job.gold, pred: job.pred });
  }

  private spawn(): void {
    const worker = new Worker(this.entry.script, { eval: this.entry.eval, execArgv: this.entry.execArgv });
    const slot: Slot = { worker, ready: false };
    this.slots.add(slot);
    worker.on('message', (msg: { ready?: boolean; id?: number; verdict?: GradeVerdict; error?: string }) => {
      if (msg.ready) {
        slot.ready = true;
        worker.unref();
      } else if (slot.job && msg.id === slot.job.id) {
        const job = slot.job;
        clearTimeout(slot.timer);
        slot.job = undefined;
        worker.unref();
        if (msg.verdict) job.resolve(msg.verdict);
        else job.reject(new CrucibleError('env_error', `grading failed: ${msg.error ?? 'unknown error'}`));
      }
      this.dispatch();
    });
    worker.on('error', (err) => this.fail(slot, err));
    worker.on('exit', (code) => {
      if (this.slots.has(slot)) this.fail(slot, new Error(`grading worker exited with code ${code}`));
    });
  }

  // A worker that dies on its own is an infrastructure fault: its task fails, queued ones get a new worker.
  private fail(slot: Slot, err: Error): void {
    if (!this.slots.has(slot)) return;
    this.slots.delete(slot);
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    const wrapped = new CrucibleError('env_error', `the grading worker failed: ${err.message}`, {
      hint: 'a bug in the math grader; the case that caused it is in the error details',
      cause: err,
      details: job ? { gold: job.gold.slice(0, 200), pred: job.pred.slice(0, 200) } : undefined,
    });
    if (job) job.reject(wrapped);
    else if (!slot.ready) for (const queued of this.queue.splice(0)) queued.reject(wrapped);
    if (!this.closed) this.dispatch();
  }

  private async retire(slot: Slot): Promise<void> {
    this.slots.delete(slot);
    clearTimeout(slot.timer);
    await slot.worker.terminate();
  }
}
