import { open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { z } from 'zod';
import { makeDirectory } from './make-directory.js';
import {
  acquireFileLock,
  CrucibleError,
  describeFirstIssue,
  episodeFormatProblem,
  EpisodeRecordSchema,
  isLockHeld,
  readJsonl,
  RunManifestSchema,
  type EpisodeRecord,
  type RunManifest,
} from '@crucible/core';
import { episodeTokens } from './episode-cost.js';

const gzipAsync = promisify(gzip);

/** File names inside a run directory. */
export const RUN_FILES = {
  run: 'run.json',
  episodes: 'episodes.jsonl',
  trajectories: 'trajectories',
  summary: 'summary.json',
  summaryMd: 'summary.md',
  junit: 'junit.xml',
  report: 'report.html',
} as const;

/** Names a bad `episodes.jsonl` line: a record of another format says so rather than naming a field. */
function describeEpisodeIssue(error: z.ZodError, value: unknown): string {
  return episodeFormatProblem((value as { format?: unknown } | null)?.format) ?? describeFirstIssue(error);
}

/** A run lock not refreshed for this long was left by a crash (a live run refreshes it every few seconds). */
const RUN_LOCK_STALE_MS = 10_000;

/** Episode id -> number of its last record in `episodes.jsonl`. */
export type LatestIndex = Map<string, number>;

/**
 * A run directory. Episodes are appended one finished episode a line through a single writer
 * (a promise chain), so concurrent episodes never interleave bytes; a crash can tear at most the last line,
 * which {@link RunStore.repair} drops on the next open.
 */
export class RunStore {
  private writeChain: Promise<unknown> = Promise.resolve();
  /** Set when the run lock was lost while held: nothing more is appended. */
  private lockLost: Error | undefined;

  constructor(readonly dir: string) {}

  get episodesPath(): string {
    return join(this.dir, RUN_FILES.episodes);
  }

  /** Creates the directory layout (idempotent). */
  async init(): Promise<void> {
    await makeDirectory(join(this.dir, RUN_FILES.trajectories));
  }

  /** Reads and validates `run.json`, or undefined when the directory holds no run yet. */
  async readRunJson(): Promise<RunManifest | undefined> {
    const path = join(this.dir, RUN_FILES.run);
    let value: unknown;
    try {
      value = JSON.parse(await readFile(path, 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new CrucibleError('store_error', `cannot read ${path}: ${(err as Error).message}`, { cause: err, retryable: false });
    }
    const parsed = RunManifestSchema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new CrucibleError('store_error', `${path}: ${describeFirstIssue(parsed.error)}`, {
      retryable: false,
      hint: 'run.json is written by `crucible run`; this one is damaged or from another Crucible version: rerun into a new directory',
    });
  }

  /** Writes `run.json`, validated: a run directory never holds a manifest its readers would refuse. */
  async writeRunJson(manifest: RunManifest): Promise<void> {
    await this.writeJson(RUN_FILES.run, RunManifestSchema.parse(manifest));
  }

  /** Writes a JSON file atomically (temp file + rename), so readers never see half a file. */
  async writeJson(name: string, value: unknown): Promise<void> {
    await this.writeText(name, `${JSON.stringify(value, null, 2)}\n`);
  }

  /** Writes a text file atomically. */
  async writeText(name: string, text: string): Promise<void> {
    const path = join(this.dir, name);
    const tmp = `${path}.tmp-${process.pid}`;
    await writeFile(tmp, text);
    await rename(tmp, path);
  }

  /**
   * Drops a torn last line (a crash mid-append), so the file holds only whole records. A last line that is a
   * whole record missing only its newline is kept and terminated. Scans back in chunks, however long the line.
   * Returns the number of bytes dropped.
   */
  async repair(): Promise<number> {
    let size: number;
    try {
      size = (await stat(this.episodesPath)).size;
    } catch {
      return 0;
    }
    if (size === 0) return 0;
    const handle = await open(this.episodesPath, 'r+');
    try {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] === 0x0a) return 0;
      // Find the start of the last line: scan back chunk by chunk to the previous newline (or the file start).
      const chunk = 1 << 20;
      let start = 0;
      for (let end = size; end > 0; end -= chunk) {
        const from = Math.max(0, end - chunk);
        const buffer = Buffer.alloc(end - from);
        await handle.read(buffer, 0, buffer.length, from);
        const nl = buffer.lastIndexOf(0x0a);
        if (nl !== -1) {
          start = from + nl + 1;
          break;
        }
      }
      const tail = Buffer.alloc(size - start);
      await handle.read(tail, 0, tail.length, start);
      try {
        EpisodeRecordSchema.parse(JSON.parse(tail.toString('utf8')));
        await handle.write('\n', size);
        return 0;
      } catch {
        await handle.truncate(start);
        return size - start;
      }
    } finally {
      await handle.close();
    }
  }

  /** Appends one finished episode; resolves once it is on disk. */
  appendEpisode(record: EpisodeRecord): Promise<void> {
    if (this.lockLost) {
      return Promise.reject(new CrucibleError('store_error', `lost the lock of ${this.dir}: ${this.lockLost.message}`, { retryable: false, hint: 'another process may be writing this run; rerun with the same --run-id once it is done' }));
    }
    const line = `${JSON.stringify(record)}\n`;
    const write = this.writeChain.then(async () => {
      const handle = await open(this.episodesPath, 'a');
      try {
        // FileHandle.write may write less than asked; loop so a line is never torn mid-file.
        const bytes = Buffer.from(line);
        for (let offset = 0; offset < bytes.length; ) offset += (await handle.write(bytes, offset)).bytesWritten;
        await handle.datasync();
      } finally {
        await handle.close();
      }
    });
    this.writeChain = write.catch(() => undefined);
    return write.catch((err) => {
      throw new CrucibleError('store_error', `cannot append to ${this.episodesPath}: ${(err as Error).message}`, { cause: err });
    });
  }

  /** Writes one episode's trajectory as gzipped JSON; returns its path relative to the run directory. */
  async writeTrajectory(episodeId: string, trajectory: unknown): Promise<string> {
    const rel = `${RUN_FILES.trajectories}/${episodeId}.json.gz`;
    const data = await gzipAsync(Buffer.from(JSON.stringify(trajectory)));
    await writeFile(join(this.dir, rel), data);
    return rel;
  }

  /** Streams the recorded episodes without holding them all in memory. Invalid lines fail with file:line and the field. */
  async *episodes(): AsyncGenerator<EpisodeRecord> {
    try {
      await stat(this.episodesPath);
    } catch {
      return;
    }
    for await (const entry of readJsonl(this.episodesPath, EpisodeRecordSchema, { code: 'store_error', describe: describeEpisodeIssue })) yield entry.value;
  }

  /** The ids of the episodes already recorded (what resume skips). */
  async recordedIds(): Promise<Set<string>> {
    return (await this.progress()).done;
  }

  /**
   * What earlier attempts left: the ids that finished `ok` (resume skips them; `error` episodes run again),
   * every id with a record, and the tokens and cost already spent, so run budgets carry over a resume.
   */
  async progress(): Promise<{ done: Set<string>; recorded: Set<string>; tokens: number; costUsd: number }> {
    const done = new Set<string>();
    const recorded = new Set<string>();
    let tokens = 0;
    let costUsd = 0;
    for await (const record of this.episodes()) {
      recorded.add(record.id);
      if (record.status === 'ok') done.add(record.id);
      tokens += episodeTokens(record);
      costUsd += record.costUsd ?? 0;
    }
    return { done, recorded, tokens, costUsd };
  }

  /**
   * The recorded episodes with one record per id, the last one written (a rerun of an `error` episode, or a
   * line written twice, replaces the earlier). Two passes over the file: only ids are held in memory.
   */
  async *latestEpisodes(index?: LatestIndex): AsyncGenerator<EpisodeRecord> {
    const lastLine = index ?? (await this.latestIndex());
    let n = 0;
    for await (const record of this.episodes()) if (lastLine.get(record.id) === n++) yield record;
  }

  /** For each episode id, the number of its last record; pass it to {@link latestEpisodes} to read the file once less. */
  async latestIndex(): Promise<LatestIndex> {
    const lastLine: LatestIndex = new Map();
    let n = 0;
    for await (const record of this.episodes()) lastLine.set(record.id, n++);
    return lastLine;
  }

  /**
   * Takes the run directory for this process (a `run.lock` directory kept fresh while the run lives), so two
   * processes never append to one run. A lock left by a crash is taken over once it goes stale; of two
   * processes that find it so at once, exactly one gets it. Returns the release function.
   */
  async lock(): Promise<() => Promise<void>> {
    const path = join(this.dir, 'run.lock');
    try {
      const release = await acquireFileLock(path, { staleMs: RUN_LOCK_STALE_MS, onCompromised: (err) => (this.lockLost = err) });
      return () => release().catch(() => undefined);
    } catch (err) {
      if (!isLockHeld(err)) throw new CrucibleError('store_error', `cannot lock ${path}: ${(err as Error).message}`, { cause: err, retryable: false });
      throw new CrucibleError('run_mismatch', `${this.dir} is being written by another crucible process`, {
        hint: `wait for it to finish, or use another --run-id (a lock left by a crashed run is taken over ${RUN_LOCK_STALE_MS / 1000} s after the crash)`,
      });
    }
  }
}
