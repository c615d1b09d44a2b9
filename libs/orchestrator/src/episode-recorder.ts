import { CrucibleError, type EpisodeRecord, type RunManifest } from '@crucible/core';
import type { ExecutedEpisode } from './episode-job.js';
import { RunStore } from './run-store.js';

/** What earlier attempts of the run left (see `RunStore.progress`). */
export type PreviousProgress = Awaited<ReturnType<RunStore['progress']>>;

/**
 * The single writer of a run directory: it holds the run lock, writes `run.json` (validated), each episode's
 * trajectory and its `episodes.jsonl` line. Executors, local or remote, only return episodes; nothing else
 * writes here, so records never interleave and a crash tears at most the last line (repaired on open).
 */
export class EpisodeRecorder {
  private constructor(
    readonly store: RunStore,
    private readonly release: () => Promise<void>,
    /** Torn bytes dropped from the end of episodes.jsonl on open. */
    readonly repairedBytes: number,
    readonly previous: PreviousProgress,
  ) {}

  /**
   * Opens a run directory for writing: refuses one that holds a run of another identity (before creating
   * anything), takes the lock, repairs a torn last line and writes `manifest` as `run.json`.
   */
  static async open(dir: string, manifest: RunManifest): Promise<EpisodeRecorder> {
    const store = new RunStore(dir);
    const existing = await store.readRunJson();
    if (existing && existing.identityHash !== manifest.identityHash) {
      throw new CrucibleError('run_mismatch', `${dir} holds a run with a different configuration`, {
        hint: 'resume with the same flags, or pass a new --run-id',
      });
    }
    await store.init();
    const release = await store.lock();
    try {
      const repairedBytes = await store.repair();
      await store.writeRunJson(manifest);
      return new EpisodeRecorder(store, release, repairedBytes, await store.progress());
    } catch (err) {
      await release();
      throw err;
    }
  }

  /** Writes one finished episode (its trajectory first, then its line); resolves to the record as stored. */
  async record(done: ExecutedEpisode): Promise<EpisodeRecord> {
    const record = done.trajectory ? { ...done.record, trajectory: await this.store.writeTrajectory(done.record.id, done.trajectory) } : done.record;
    await this.store.appendEpisode(record);
    return record;
  }

  /** Waits for pending appends, closes the episodes file and releases the run directory. */
  async close(): Promise<void> {
    try {
      await this.store.close();
    } finally {
      await this.release();
    }
  }
}
