import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { CrucibleError, EPISODE_FORMAT_VERSION, EpisodeRecordSchema, type EpisodeRecord } from '@crucible/core';

const gzipAsync = promisify(gzip);

/** File names inside a run directory. */
export const RUN_FILES = {
  run: 'run.json',
  episodes: 'episodes.jsonl',
  trajectories: 'trajectories',
  summary: 'summary.json',
  summaryMd: 'summary.md',
  junit: 'junit.xml',
} as const;

/**
 * A run directory. Episodes are appended one finished episode a line through a single writer
 * (a promise chain), so concurrent episodes never interleave bytes; a crash can tear at most the last line,
 * which {@link RunStore.repair} drops on the next open.
 */
export class RunStore {
  private writeChain: Promise<unknown> = Promise.resolve();

  constructor(readonly dir: string) {}

  get episodesPath(): string {
    return join(this.dir, RUN_FILES.episodes);
  }

  /** Creates the directory layout (idempotent). */
  async init(): Promise<void> {
    await mkdir(join(this.dir, RUN_FILES.trajectories), { recursive: true });
  }

  /** Reads `run.json`, or undefined when the directory holds no run yet. */
  async readRunJson<T>(): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(join(this.dir, RUN_FILES.run), 'utf8')) as T;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new CrucibleError('store_error', `cannot read ${join(this.dir, RUN_FILES.run)}: ${(err as Error).message}`, { cause: err, retryable: false });
    }
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
   * Drops a torn last line (a crash mid-append), so the file holds only whole records.
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
    const handle = await open(this.episodesPath, 'r');
    try {
      const chunk = Math.min(size, 1 << 20);
      const buffer = Buffer.alloc(chunk);
      await handle.read(buffer, 0, chunk, size - chunk);
      if (buffer[chunk - 1] === 0x0a) return 0;
      const lastNewline = buffer.lastIndexOf(0x0a);
      const keep = lastNewline === -1 ? (chunk === size ? 0 : size - chunk) : size - chunk + lastNewline + 1;
      await truncate(this.episodesPath, keep);
      return size - keep;
    } finally {
      await handle.close();
    }
  }

  /** Appends one finished episode; resolves once it is on disk. */
  appendEpisode(record: EpisodeRecord): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    const write = this.writeChain.then(async () => {
      const handle = await open(this.episodesPath, 'a');
      try {
        await handle.write(line);
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

  /** Streams the recorded episodes without holding them all in memory. Invalid lines fail with file:line. */
  async *episodes(): AsyncGenerator<EpisodeRecord> {
    let stream;
    try {
      await stat(this.episodesPath);
      stream = createReadStream(this.episodesPath, 'utf8');
    } catch {
      return;
    }
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    let n = 0;
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      yield parseEpisodeLine(line, `${this.episodesPath}:${n}`);
    }
  }

  /** The ids of the episodes already recorded (what resume skips). */
  async recordedIds(): Promise<Set<string>> {
    const ids = new Set<string>();
    for await (const record of this.episodes()) ids.add(record.id);
    return ids;
  }
}

/** Parses and validates one `episodes.jsonl` line; `where` is `file:line` for the error. */
export function parseEpisodeLine(line: string, where: string): EpisodeRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new CrucibleError('store_error', `${where}: not valid JSON (${(err as Error).message})`, { retryable: false });
  }
  const format = (value as { format?: unknown })?.format;
  if (format !== EPISODE_FORMAT_VERSION) {
    throw new CrucibleError('store_error', `${where}: episode format ${String(format)} is not ${EPISODE_FORMAT_VERSION}`, {
      retryable: false,
      hint: 'this run was written by another Crucible version; rerun it into a new directory',
    });
  }
  const parsed = EpisodeRecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CrucibleError('store_error', `${where}: field ${issue.path.join('.') || '(root)'}: ${issue.message}`, { retryable: false });
  }
  return parsed.data;
}
