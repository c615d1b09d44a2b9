import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { cgroupSupport } from '../src/sandbox/cgroup.js';
import { DEFAULT_LIMITS, type SandboxLimits } from '../src/sandbox/limits.js';
import { runCommand, type RunResult } from '../src/sandbox/run-command.js';

const exec = promisify(execFile);
const MIB = 1024 * 1024;

/** One escape attempt's outcome: `stopped` is false when the sandbox let it through. */
export interface AttemptOutcome {
  stopped: boolean;
  result: string;
}

/** Host-side fixtures the attempts aim at: another episode's workspace, a mirror cache, a dataset. */
export interface EscapeFixture {
  /** The attacking episode's workspace. */
  workspace: string;
  otherWorkspace: string;
  cacheDir: string;
  dataset: string;
  /** Directories the sandbox is told to hide, as the environment passes them. */
  hide: string[];
  dispose(): Promise<void>;
}

/** Makes the fixtures in fresh temp directories (all removed by `dispose`). */
export async function escapeFixture(): Promise<EscapeFixture> {
  const dirs: string[] = [];
  const dir = async (prefix: string) => {
    const d = await mkdtemp(path.join(os.tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  const workspace = await dir('crucible-escape-ws-');
  const otherWorkspace = await dir('crucible-escape-other-');
  const cacheDir = await dir('crucible-escape-cache-');
  const datasetDir = await dir('crucible-escape-dataset-');
  await writeFile(path.join(otherWorkspace, 'notes.txt'), 'OTHER-EPISODE-MARKER\n');
  await exec('git', ['init', '--quiet', '--bare', path.join(cacheDir, 'owner__repo.git')]);
  await writeFile(path.join(cacheDir, 'owner__repo.git', 'FIX-COMMIT-MARKER'), 'FIX-COMMIT-MARKER\n');
  const dataset = path.join(datasetDir, 'tasks.jsonl');
  await writeFile(dataset, `${JSON.stringify({ instance_id: 'x', patch: 'REFERENCE-PATCH-MARKER' })}\n`);
  return {
    workspace,
    otherWorkspace,
    cacheDir,
    dataset,
    hide: [datasetDir, cacheDir],
    dispose: () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))).then(() => undefined),
  };
}

function run(f: EscapeFixture, command: string, limits: Partial<SandboxLimits> = {}, timeoutMs = 20_000): Promise<RunResult> {
  return runCommand(command, { workspace: f.workspace, hide: f.hide, timeoutMs, limits: { ...DEFAULT_LIMITS, ...limits } });
}

/** Pids whose command line contains `token`, after giving SIGKILLs a moment to land. */
async function survivors(token: string): Promise<number> {
  let count = 0;
  for (let i = 0; i < 30; i++) {
    count = 0;
    for (const entry of await readdir('/proc')) {
      if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
      const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
      if (cmdline.includes(token)) count++;
    }
    if (count === 0) return 0;
    await sleep(100);
  }
  return count;
}

/** Bytes of the largest file in the workspace (what a write attempt left on the host disk). */
async function largestFile(dir: string): Promise<number> {
  let max = 0;
  for (const name of await readdir(dir)) max = Math.max(max, (await stat(path.join(dir, name)).catch(() => undefined))?.size ?? 0);
  return max;
}

async function clearWorkspace(dir: string): Promise<void> {
  for (const name of await readdir(dir)) await rm(path.join(dir, name), { recursive: true, force: true });
}

const mib = (bytes: number) => `${Math.round(bytes / MIB)} MiB`;
const firstLine = (text: string) => text.trim().split('\n')[0] ?? '';

/** An escape attempt: what it tries and how it checks that the sandbox stopped it and the host is unchanged. */
export interface EscapeAttempt {
  name: string;
  /** Why it cannot run here, if it cannot (the attempt is then reported, not run). */
  skip?(): Promise<string | undefined>;
  attempt(f: EscapeFixture): Promise<AttemptOutcome>;
}

/** The escape attempts of issue 8, each against real bubblewrap and real processes. */
export const ESCAPE_ATTEMPTS: EscapeAttempt[] = [
  {
    name: 'read /etc/shadow',
    async attempt(f) {
      const host = (await readFile('/etc/shadow', 'utf8').catch(() => '')).split('\n')[0] ?? '';
      const r = await run(f, 'cat /etc/shadow /etc/gshadow /etc/sudoers; ls /etc/ssl/private /etc/ssh 2>&1 | head -3');
      const leaked = host !== '' && r.output.includes(host);
      return { stopped: !leaked && /No such file/.test(r.output), result: leaked ? 'LEAKED the host shadow file' : `not there: ${firstLine(r.output)}` };
    },
  },
  {
    name: 'list and read /root',
    async attempt(f) {
      const hostEntries = (await readdir('/root').catch(() => [] as string[])).filter((e) => e !== '.pyenv');
      const r = await run(f, 'ls -A /root; ls -A /root/.pyenv 2>/dev/null; cat /root/.bashrc /root/.ssh/id_rsa /root/.npmrc 2>&1 | head -3');
      const seen = hostEntries.filter((e) => new RegExp(`^${e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm').test(r.output));
      const listing = r.output.split('\n').filter((l) => l && !l.startsWith('cat:')).join(' ');
      return {
        stopped: seen.length === 0,
        result: seen.length ? `VISIBLE: ${seen.join(', ')}` : `only toolchain prefixes visible (${listing || 'empty'}); ${hostEntries.length} host entries hidden`,
      };
    },
  },
  {
    name: "read another episode's workspace",
    async attempt(f) {
      const r = await run(f, `ls -A ${f.otherWorkspace}; cat ${f.otherWorkspace}/notes.txt; ls /tmp`);
      const leaked = r.output.includes('OTHER-EPISODE-MARKER');
      return { stopped: !leaked, result: leaked ? 'LEAKED' : `not there: ${firstLine(r.output)}` };
    },
  },
  {
    name: 'read the mirror cache dir',
    async attempt(f) {
      const r = await run(f, `ls -A ${f.cacheDir}; cat ${f.cacheDir}/owner__repo.git/FIX-COMMIT-MARKER; git -C ${f.cacheDir}/owner__repo.git log --all 2>&1 | head -2`);
      const leaked = r.output.includes('owner__repo.git\n') || /^FIX-COMMIT-MARKER$/m.test(r.output);
      return { stopped: !leaked, result: leaked ? 'LEAKED' : `not there: ${firstLine(r.output)}` };
    },
  },
  {
    name: 'read the dataset file',
    async attempt(f) {
      const r = await run(f, `cat ${f.dataset}; find / -path /proc -prune -o -path /usr -prune -o -name tasks.jsonl -print 2>/dev/null | head -3; echo searched`);
      const leaked = r.output.includes('REFERENCE-PATCH-MARKER') || r.output.includes(f.dataset + '\n');
      return { stopped: !leaked && r.output.includes('searched'), result: leaked ? 'LEAKED' : `not there (find / outside the host's /usr finds nothing either): ${firstLine(r.output)}` };
    },
  },
  {
    name: 'read secrets from the environment',
    async attempt(f) {
      process.env['OPENAI_API_KEY'] = 'sk-escape-test-SECRET';
      process.env['DEPLOY_TOKEN'] = 'escape-test-SECRET';
      try {
        const r = await run(f, 'env; cat /proc/1/environ /proc/self/environ');
        const leaked = r.output.includes('escape-test-SECRET');
        return { stopped: !leaked, result: leaked ? 'LEAKED' : `not passed in (${r.output.split('\n').filter((l) => /^[A-Z_]+=/.test(l)).length} variables inside, none a secret)` };
      } finally {
        delete process.env['OPENAI_API_KEY'];
        delete process.env['DEPLOY_TOKEN'];
      }
    },
  },
  {
    name: 'change a kernel setting, mount, mknod, a new user namespace',
    async attempt(f) {
      const before = await readFile('/proc/sys/kernel/printk_ratelimit', 'utf8');
      const r = await run(
        f,
        [
          // Writing the value it already has: a harmless probe of whether the write would be allowed.
          'v=$(cat /proc/sys/kernel/printk_ratelimit); echo "$v" > /proc/sys/kernel/printk_ratelimit && echo SYSCTL-WRITTEN',
          'grep ^CapEff /proc/self/status',
          'mkdir -p /tmp/m && mount -t tmpfs none /tmp/m && echo MOUNTED',
          'mknod /tmp/disk b 254 0 && echo MKNOD',
          'unshare -U true && echo USERNS',
        ].join('; '),
      );
      const got = ['SYSCTL-WRITTEN', 'MOUNTED', 'MKNOD', 'USERNS'].filter((w) => new RegExp(`^${w}$`, 'm').test(r.output));
      const noCaps = /^CapEff:\s+0+$/m.test(r.output);
      const unchanged = (await readFile('/proc/sys/kernel/printk_ratelimit', 'utf8')) === before;
      return {
        stopped: got.length === 0 && noCaps && unchanged,
        result: got.length || !noCaps ? `ALLOWED: ${got.join(', ') || 'capabilities kept'}` : 'refused: /proc/sys read-only, no capabilities (CapEff 0), mount/mknod denied, no nested user namespace',
      };
    },
  },
  {
    name: 'fork 10,000 processes',
    async skip() {
      const ok = (await cgroupSupport()).pids || process.getuid?.() !== 0;
      return ok ? undefined : 'no pids cgroup and running as root: RLIMIT_NPROC would not bind, so the attempt is not made';
    },
    async attempt(f) {
      // Bounded (10,000 forks at most) so a broken limit costs a loop, never the machine.
      const script = 'import os, sys, time\nn = 0\ntry:\n    for i in range(10000):\n        if os.fork() == 0:\n            time.sleep(30.4417)\n            os._exit(0)\n        n += 1\nexcept OSError as e:\n    print("forked", n, "then:", e.strerror)\n    sys.exit(1)\nprint("forked", n)\n';
      const r = await run(f, `python3 -c '${script}' # 30.4417`, {}, 30_000);
      const left = await survivors('30.4417');
      const forked = r.output.match(/forked (\d+)/)?.[1];
      return {
        stopped: r.limitHit === 'processes' && left === 0 && Number(forked) < 10000,
        result: `limitHit=${r.limitHit ?? 'none'} after ${forked ?? '?'} forks (${firstLine(r.output).replace(/^forked \d+ /, '')}); ${left} processes left on the host`,
      };
    },
  },
  {
    name: 'write one 2 GB file',
    async attempt(f) {
      const limits = { fileSizeMb: 64 };
      const r = await run(f, 'head -c 2G /dev/zero > big.bin; ls -l big.bin', limits);
      const size = await largestFile(f.workspace);
      await clearWorkspace(f.workspace);
      return { stopped: r.limitHit === 'file_size' && size <= limits.fileSizeMb * MIB, result: `limitHit=${r.limitHit ?? 'none'}; the file stopped at ${mib(size)} (fileSizeMb=${limits.fileSizeMb})` };
    },
  },
  {
    name: 'write 2 GB as 40 files of 50 MB',
    async attempt(f) {
      const limits = { diskMb: 200 };
      const r = await run(f, 'for i in $(seq 1 40); do head -c 50M /dev/zero > part$i.bin; done; echo wrote all', limits);
      const files = (await readdir(f.workspace)).length;
      await clearWorkspace(f.workspace);
      return {
        stopped: r.limitHit === 'disk' && !r.output.includes('wrote all') && files < 40,
        result: `limitHit=${r.limitHit ?? 'none'}; killed after ${files} files (diskMb=${limits.diskMb}; growth is polled each second, so it can overshoot by what is written in one)`,
      };
    },
  },
  {
    name: 'fill /tmp',
    async attempt(f) {
      const r = await run(f, 'head -c 2G /dev/zero > /tmp/crucible-fill.bin; df -k /tmp | tail -1');
      const onHost = await stat('/tmp/crucible-fill.bin').then(() => true, () => false);
      return {
        stopped: r.limitHit === 'tmp_size' && !onHost,
        result: `limitHit=${r.limitHit ?? 'none'} at ${DEFAULT_LIMITS.tmpSizeMb} MiB (${firstLine(r.output)}); host /tmp untouched: ${!onHost}`,
      };
    },
  },
  {
    name: 'fill /dev and /dev/shm',
    async attempt(f) {
      const r = await run(f, 'head -c 2G /dev/zero > /dev/fill.bin; head -c 2G /dev/zero > /dev/shm/fill.bin; df -k /dev/shm | tail -1; echo x > /dev/null && echo null-ok');
      const stopped = /fill\.bin: Read-only file system/.test(r.output) && /No space left on device/.test(r.output) && r.output.includes('null-ok');
      return { stopped, result: `limitHit=${r.limitHit ?? 'none'}; /dev read-only (device nodes still work), /dev/shm full at ${DEFAULT_LIMITS.tmpSizeMb} MiB` };
    },
  },
  {
    name: 'allocate 2 GB of memory',
    async attempt(f) {
      const limits = { memoryMb: 256 };
      const r = await run(f, 'python3 -c "x = bytearray(2 * 1024**3); print(\'allocated\', len(x))"', limits);
      return { stopped: r.limitHit === 'memory' && !r.output.includes('allocated'), result: `limitHit=${r.limitHit ?? 'none'} (memoryMb=${limits.memoryMb}): ${firstLine(r.output)}` };
    },
  },
  {
    name: 'spin the CPU forever',
    async attempt(f) {
      const limits = { cpuTimeSec: 1 };
      const r = await run(f, 'python3 -c "while True: pass"', limits);
      return { stopped: r.limitHit === 'cpu_time' && !r.timedOut, result: `limitHit=${r.limitHit ?? 'none'} after ${(r.durationMs / 1000).toFixed(1)} s (cpuTimeSec=${limits.cpuTimeSec})` };
    },
  },
];

/** The results as a markdown table: attempt | result. */
export function escapeTable(rows: Array<{ name: string; outcome: AttemptOutcome | { skipped: string } }>): string {
  const lines = ['| attempt | result |', '| --- | --- |'];
  for (const { name, outcome } of rows) {
    const text = 'skipped' in outcome ? `not run: ${outcome.skipped}` : `${outcome.stopped ? 'stopped' : 'NOT STOPPED'}: ${outcome.result}`;
    lines.push(`| ${name} | ${text.replace(/\|/g, '\\|')} |`);
  }
  return lines.join('\n');
}
