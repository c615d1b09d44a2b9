import { access, constants, readdir, readFile } from 'node:fs/promises';
import type { CommandCgroups } from './cgroup.js';
import type { LimitHit, SandboxLimits } from './limits.js';

const MIB = 1024 * 1024;

/** The pipe the in-sandbox wrapper reports /tmp usage on (stdin, stdout, stderr, then this). */
export const TMP_REPORT_FD = 3;

let prlimit: Promise<string | undefined> | undefined;

/** util-linux `prlimit`, looked for in the system directories only (it runs inside the sandbox too). */
export function findPrlimit(): Promise<string | undefined> {
  prlimit ??= (async () => {
    for (const p of ['/usr/bin/prlimit', '/bin/prlimit']) if (await access(p, constants.X_OK).then(() => true, () => false)) return p;
    return undefined;
  })();
  return prlimit;
}

/**
 * Tasks (threads included) the harness's uid already runs: RLIMIT_NPROC counts them all, so the limit is
 * this many plus the command's allowance (0 for root, which the limit does not bind anyway).
 */
async function tasksOfUser(): Promise<number> {
  const uid = process.getuid?.() ?? 0;
  if (uid === 0) return 0;
  let tasks = 0;
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    if (Number(status.match(/^Uid:\s+(\d+)/m)?.[1]) === uid) tasks += Number(status.match(/^Threads:\s+(\d+)/m)?.[1] ?? 1);
  }
  return tasks;
}

/**
 * `prlimit ... --` for the rlimits of a command: file size and CPU time always; the process count and
 * address space only where no cgroup enforces them (RLIMIT_NPROC counts per uid and does not bind root;
 * RLIMIT_AS counts reserved address space, which is cruder than a memory cgroup). Empty without prlimit.
 */
export async function rlimitArgs(limits: SandboxLimits, cgroups: Pick<CommandCgroups, 'pids' | 'memory'>): Promise<string[]> {
  const bin = await findPrlimit();
  if (!bin) return [];
  const args = [bin, `--fsize=${limits.fileSizeMb * MIB}`, `--cpu=${limits.cpuTimeSec}:${limits.cpuTimeSec + 5}`];
  if (!cgroups.pids) args.push(`--nproc=${limits.processes + (await tasksOfUser())}`);
  if (!cgroups.memory) args.push(`--as=${limits.memoryMb * MIB}`);
  return [...args, '--'];
}

/**
 * The argv that runs `argv` inside the sandbox and then reports the private /tmp's usage on fd 3
 * ("tmp USED_KIB TOTAL_KIB"); the command itself does not get fd 3. Its exit status is passed on.
 */
export function tmpReportWrapper(argv: string[]): string[] {
  const script = `"$@" ${TMP_REPORT_FD}>&-; rc=$?; df -Pk /tmp 2>/dev/null | { read h; read fs total used rest; echo "tmp $used $total" >&${TMP_REPORT_FD}; }; exit $rc`;
  return ['/bin/sh', '-c', script, 'sh', ...argv];
}

/** What a finished command shows of the limits (only the cgroup counters and /tmp report are exact). */
export interface LimitEvidence {
  cgroups: Pick<CommandCgroups, 'hits' | 'memory'>;
  limits: SandboxLimits;
  output: string;
  exitCode: number | null;
  signal: string | null;
  tmpReport: string;
}

/**
 * Which limit stopped a command, from the cgroup event counters, the /tmp report and, for the rlimits,
 * the signal (SIGXFSZ/SIGXCPU, 128+25/128+24 from a shell) or the messages shells and libc print for them.
 */
export async function detectLimitHit(e: LimitEvidence): Promise<LimitHit | undefined> {
  const cgroupHits = await e.cgroups.hits();
  if (cgroupHits.includes('memory')) return 'memory';
  if (cgroupHits.includes('processes')) return 'processes';
  const tmp = e.tmpReport.match(/^tmp (\d+) (\d+)/m);
  if (tmp && Number(tmp[2]) > 0 && Number(tmp[1]) >= Number(tmp[2]) * 0.98) return 'tmp_size';
  if (e.signal === 'SIGXFSZ' || e.exitCode === 153 || /File size limit exceeded|File too large/.test(e.output)) return 'file_size';
  if (e.signal === 'SIGXCPU' || e.exitCode === 152 || /CPU time limit exceeded/.test(e.output)) return 'cpu_time';
  if (/No space left on device/.test(e.output) && tmp) return 'tmp_size';
  if (!e.cgroups.memory && /MemoryError|Cannot allocate memory|std::bad_alloc/.test(e.output)) return 'memory';
  return undefined;
}

/** One sentence for the model saying which limit was hit and what it is. */
export function limitMessage(hit: LimitHit, limits: SandboxLimits, grownBytes: number): string {
  switch (hit) {
    case 'processes':
      return `the command hit the process limit (${limits.processes} processes at once): a fork was refused`;
    case 'file_size':
      return `a write hit the file size limit (${limits.fileSizeMb} MiB per file) and was stopped`;
    case 'memory':
      return `the command hit the memory limit (${limits.memoryMb} MiB) and was killed`;
    case 'cpu_time':
      return `a process used up its CPU time limit (${limits.cpuTimeSec} s) and was killed`;
    case 'tmp_size':
      return `/tmp is full (it holds at most ${limits.tmpSizeMb} MiB)`;
    case 'disk':
      return `the workspace grew by ${Math.round(grownBytes / MIB)} MiB, past the quota of ${limits.diskMb} MiB per command: the command was killed; delete what it wrote`;
    case 'wall_time':
      return 'the command ran out of wall time and was killed';
  }
}
