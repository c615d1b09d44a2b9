import { open, type FileHandle } from 'node:fs/promises';

interface Pending {
  bytes: Buffer;
  done: () => void;
  fail: (err: unknown) => void;
}

/**
 * An append-only file kept open, written with group commit: lines that arrive while a write is on its way
 * are written together by the next one, with a single `fdatasync`. Each `append` resolves only after the
 * sync that covers its bytes, so a record is on disk when its promise resolves, at one write and one sync
 * per batch instead of open, write, sync and close per line. Writes are sequential, so lines never interleave.
 */
export class GroupCommitFile {
  private handle: Promise<FileHandle> | undefined;
  private queue: Pending[] = [];
  private flushing = false;

  constructor(readonly path: string) {}

  /** Appends `text`; resolves once it is written and synced. */
  append(text: string): Promise<void> {
    return new Promise<void>((done, fail) => {
      this.queue.push({ bytes: Buffer.from(text), done, fail });
      if (!this.flushing) void this.flush();
    });
  }

  /** Waits for pending appends and closes the file (a later append reopens it). */
  async close(): Promise<void> {
    while (this.flushing || this.queue.length > 0) await new Promise<void>((r) => setImmediate(r));
    const handle = this.handle;
    this.handle = undefined;
    if (handle) await (await handle).close();
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          this.handle ??= open(this.path, 'a');
          const handle = await this.handle;
          const bytes = batch.length === 1 ? batch[0]!.bytes : Buffer.concat(batch.map((p) => p.bytes));
          // FileHandle.write may write less than asked; loop so a line is never torn mid-file.
          for (let offset = 0; offset < bytes.length; ) offset += (await handle.write(bytes, offset)).bytesWritten;
          await handle.datasync();
          for (const p of batch) p.done();
        } catch (err) {
          // The handle may be unusable (a closed or failed descriptor): drop it so the next batch reopens.
          const stale = this.handle;
          this.handle = undefined;
          void stale?.then((h) => h.close()).catch(() => undefined);
          for (const p of batch) p.fail(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
