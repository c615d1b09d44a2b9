import type { EpisodeRecord } from '@crucible/core';

/** What a comparison keeps of one episode: its verdict and its samples' votes, not the whole record. */
export interface SlimEpisode {
  error: boolean;
  passed: boolean;
  value: number;
  samples: Array<{ answer?: string; passed: boolean }>;
}

/**
 * One run's episodes indexed by point, then task, then epoch, holding only what pairing and the k-metrics
 * need, so two large runs can be compared without keeping their records. Feed it the latest record per id.
 */
export class RunSide {
  /** Point label -> task id -> epoch -> episode, in first-seen order. */
  readonly points = new Map<string, Map<string, Map<number, SlimEpisode>>>();
  readonly taskIds = new Set<string>();
  testDouble = false;
  maxEpoch = 0;

  add(record: EpisodeRecord): void {
    if (record.model.testDouble) this.testDouble = true;
    this.taskIds.add(record.taskId);
    this.maxEpoch = Math.max(this.maxEpoch, record.epoch);
    let tasks = this.points.get(record.point);
    if (!tasks) this.points.set(record.point, (tasks = new Map()));
    let epochs = tasks.get(record.taskId);
    if (!epochs) tasks.set(record.taskId, (epochs = new Map()));
    epochs.set(record.epoch, {
      error: record.status === 'error',
      passed: record.score.passed,
      value: record.score.value,
      samples: record.samples.map((s) => ({ answer: s.score.answer, passed: s.score.passed })),
    });
  }

  /** Adds every record of an iterable or async iterable; returns this side. */
  async addAll(records: Iterable<EpisodeRecord> | AsyncIterable<EpisodeRecord>): Promise<this> {
    for await (const r of records) this.add(r);
    return this;
  }
}

/** A {@link RunSide} of records already in memory. */
export function runSideOf(records: Iterable<EpisodeRecord>): RunSide {
  const side = new RunSide();
  for (const r of records) side.add(r);
  return side;
}
