import type { Command } from 'commander';

/** Adds `--queue` to `run` and `sweep`. */
export function addQueueFlags(cmd: Command): Command {
  return cmd.option(
    '--queue <redis-url>',
    'run the episodes on `crucible worker` processes through BullMQ on this Redis (redis://HOST:PORT); this process stays the single writer of the run directory',
  );
}

/** The queue flags as parsed by commander. */
export interface QueueFlags {
  queue?: string;
}
