import { execFile } from 'node:child_process';

/** Disk usage of a directory tree in bytes (`du`, one file system, blocks actually used). */
export function diskUsage(dir: string): Promise<number> {
  return new Promise((resolve) => {
    execFile('du', ['-skx', dir], { timeout: 60_000 }, (err, stdout) => {
      const kib = Number(stdout.split(/\s/)[0]);
      resolve(Number.isFinite(kib) && stdout ? kib * 1024 : 0);
      void err; // du reports the total even when a file vanished mid-walk
    });
  });
}

/**
 * The last size measured per workspace: the next command's baseline, so a command costs one `du` at its end
 * rather than two (the file tools' edits in between are small and count towards the next command's growth).
 */
const lastUsage = new Map<string, number>();
const REMEMBERED = 1000;

/**
 * Watches how much a workspace grows while a command runs: polls `du` (at most every second, less often
 * when `du` itself is slow) and calls `onExceeded` once when growth passes `limitBytes`. A command can
 * overshoot by what it writes between two polls; RLIMIT_FSIZE bounds any single file.
 */
export class DiskWatch {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  exceeded = false;
  grownBytes = 0;

  private constructor(private readonly dir: string, private readonly baseline: number, private readonly limitBytes: number, private readonly onExceeded: () => void) {}

  static async start(dir: string, limitBytes: number, onExceeded: () => void): Promise<DiskWatch> {
    const watch = new DiskWatch(dir, lastUsage.get(dir) ?? (await diskUsage(dir)), limitBytes, onExceeded);
    watch.schedule(1000);
    return watch;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll(), ms);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    const started = Date.now();
    await this.measure();
    if (this.exceeded) return;
    this.schedule(Math.max(1000, (Date.now() - started) * 10));
  }

  private async measure(): Promise<void> {
    const usage = await diskUsage(this.dir);
    lastUsage.delete(this.dir);
    if (lastUsage.size >= REMEMBERED) lastUsage.delete(lastUsage.keys().next().value!);
    lastUsage.set(this.dir, usage);
    this.grownBytes = Math.max(this.grownBytes, usage - this.baseline);
    if (!this.exceeded && this.grownBytes > this.limitBytes) {
      this.exceeded = true;
      this.onExceeded();
    }
  }

  /** Stops polling and measures once more (a command may have written fast and exited between polls). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    await this.measure();
  }
}
