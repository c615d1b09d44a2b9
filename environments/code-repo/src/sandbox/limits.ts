import { z } from 'zod';

/**
 * Per-command resource limits of the sandbox (env config `limits`). Wall time is `commandTimeoutSec` /
 * `testTimeoutSec`. Each limit says how it is enforced in docs/code-repo.md (## Sandbox).
 */
export const SandboxLimitsSchema = z.strictObject({
  /** Processes and threads alive at once (pids cgroup; RLIMIT_NPROC where there is no cgroup). */
  processes: z.number().int().min(8).max(65536).default(256),
  /** Largest file a command may write, in MiB (RLIMIT_FSIZE). */
  fileSizeMb: z.number().int().min(1).max(1024 * 1024).default(512),
  /** Size of the private /tmp, in MiB (a size-capped tmpfs). */
  tmpSizeMb: z.number().int().min(1).max(64 * 1024).default(256),
  /** How much one command may grow the workspace, in MiB (measured while it runs; the command is killed past it). */
  diskMb: z.number().int().min(1).max(1024 * 1024).default(1024),
  /** Memory of the command and its children, in MiB (memory cgroup; RLIMIT_AS per process where there is none). */
  memoryMb: z.number().int().min(64).max(1024 * 1024).default(4096),
  /** CPU seconds per process (RLIMIT_CPU). */
  cpuTimeSec: z.number().int().min(1).max(86400).default(600),
});

/** See {@link SandboxLimitsSchema}. */
export type SandboxLimits = z.output<typeof SandboxLimitsSchema>;

/** The limits a config without a `limits` field gets. */
export const DEFAULT_LIMITS: SandboxLimits = SandboxLimitsSchema.parse({});

/** Which limit stopped a command (`wall_time`: the timeout). */
export type LimitHit = 'processes' | 'file_size' | 'memory' | 'cpu_time' | 'tmp_size' | 'disk' | 'wall_time';
