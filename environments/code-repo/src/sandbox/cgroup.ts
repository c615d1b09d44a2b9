import { access, mkdir, readdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { isProcessAlive } from '@crucible/core';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A cgroup controller the sandbox uses, with the files of v1 and v2 that set and report its limit. */
type Controller = 'pids' | 'memory';

interface Base {
  dir: string;
  version: 1 | 2;
}

const ROOT = '/sys/fs/cgroup';
const bases = new Map<Controller, Promise<Base | undefined>>();
let counter = 0;

const limitFile = (c: Controller, v: 1 | 2) => (c === 'pids' ? 'pids.max' : v === 1 ? 'memory.limit_in_bytes' : 'memory.max');
const canWrite = (p: string) => access(p, 2).then(() => true, () => false);

/** Where this process's cgroup of a controller lives, if we may create children with that controller there. */
async function findBase(controller: Controller): Promise<Base | undefined> {
  const lines = (await readFile('/proc/self/cgroup', 'utf8').catch(() => '')).split('\n');
  const candidates: Base[] = [];
  for (const line of lines) {
    const [, controllers, rel] = line.match(/^\d+:([^:]*):(.*)$/) ?? [];
    if (controllers === undefined || rel === undefined) continue;
    if (controllers.split(',').includes(controller)) candidates.push({ dir: path.join(ROOT, controller, rel), version: 1 });
    if (controllers === '') candidates.push({ dir: path.join(ROOT, rel), version: 2 }, { dir: path.join(ROOT, 'unified', rel), version: 2 });
  }
  for (const base of candidates) {
    // A child made here must get the controller's limit file (v2: the parent must delegate it in subtree_control).
    const probe = path.join(base.dir, `crucible-probe-${process.pid}`);
    try {
      await mkdir(probe);
      const ok = await canWrite(path.join(probe, limitFile(controller, base.version)));
      await rmdir(probe);
      if (ok) {
        await removeStale(base.dir);
        return base;
      }
    } catch {
      await rmdir(probe).catch(() => undefined);
    }
  }
  return undefined;
}

/** Removes the cgroups a crashed harness left behind (named after its pid), killing what is still in them. */
async function removeStale(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const pid = name.match(/^crucible-(?:probe-(\d+)|(\d+)-\d+)$/)?.slice(1).find(Boolean);
    if (!pid || Number(pid) === process.pid || isProcessAlive(Number(pid))) continue;
    const procs = (await readFile(path.join(dir, name, 'cgroup.procs'), 'utf8').catch(() => '')).split('\n').filter(Boolean);
    for (const p of procs) {
      try {
        process.kill(Number(p), 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await sleep(procs.length ? 100 : 0);
    await rmdir(path.join(dir, name)).catch(() => undefined);
  }
}

function baseOf(controller: Controller): Promise<Base | undefined> {
  let pending = bases.get(controller);
  if (!pending) bases.set(controller, (pending = findBase(controller)));
  return pending;
}

/** Which limits cgroups can enforce on this machine (the rest fall back to rlimits). */
export async function cgroupSupport(): Promise<{ pids: boolean; memory: boolean }> {
  return { pids: !!(await baseOf('pids')), memory: !!(await baseOf('memory')) };
}

async function readCounter(file: string, key: string): Promise<number> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const m = text.match(new RegExp(`^${key} (\\d+)$`, 'm'));
  return m ? Number(m[1]) : 0;
}

/**
 * The cgroups of one command: a pids limit and a memory limit where the machine allows them. The command's
 * first process joins them before it execs (see {@link joinScript}); every descendant stays inside, so
 * {@link killAll} reaches even processes that left the process group.
 */
export class CommandCgroups {
  private constructor(private readonly groups: Array<{ controller: Controller; dir: string; version: 1 | 2 }>) {}

  /** Makes the cgroups for one command; the pids limit counts bwrap and its init too, hence the small slack. */
  static async create(limits: { processes: number; memoryMb: number }): Promise<CommandCgroups> {
    const name = `crucible-${process.pid}-${++counter}`;
    const groups: Array<{ controller: Controller; dir: string; version: 1 | 2 }> = [];
    for (const [controller, value] of [['pids', String(limits.processes + 3)], ['memory', String(limits.memoryMb * 1024 * 1024)]] as const) {
      const base = await baseOf(controller);
      if (!base) continue;
      const dir = path.join(base.dir, name);
      try {
        await mkdir(dir);
        await writeFile(path.join(dir, limitFile(controller, base.version)), value);
        // v1 without this would let the command spill into swap; harmless where there is none.
        if (controller === 'memory' && base.version === 1) await writeFile(path.join(dir, 'memory.memsw.limit_in_bytes'), value).catch(() => undefined);
        if (controller === 'memory' && base.version === 2) await writeFile(path.join(dir, 'memory.swap.max'), '0').catch(() => undefined);
        groups.push({ controller, dir, version: base.version });
      } catch {
        await rmdir(dir).catch(() => undefined);
      }
    }
    return new CommandCgroups(groups);
  }

  get pids(): boolean {
    return this.groups.some((g) => g.controller === 'pids');
  }

  get memory(): boolean {
    return this.groups.some((g) => g.controller === 'memory');
  }

  /** `cgroup.procs` files the first process writes its pid to. */
  get procsFiles(): string[] {
    return this.groups.map((g) => path.join(g.dir, 'cgroup.procs'));
  }

  /** Which of the cgroup limits were hit: a fork refused by pids.max, a process killed by the OOM killer. */
  async hits(): Promise<Array<'processes' | 'memory'>> {
    const hits: Array<'processes' | 'memory'> = [];
    for (const g of this.groups) {
      if (g.controller === 'pids' && (await readCounter(path.join(g.dir, 'pids.events'), 'max')) > 0) hits.push('processes');
      if (g.controller === 'memory') {
        const file = path.join(g.dir, g.version === 1 ? 'memory.oom_control' : 'memory.events');
        if ((await readCounter(file, 'oom_kill')) > 0) hits.push('memory');
      }
    }
    return hits;
  }

  /** SIGKILLs everything still in the cgroups, until they are empty. */
  async killAll(): Promise<void> {
    for (let round = 0; round < 50; round++) {
      let left = 0;
      for (const g of this.groups) {
        const pids = (await readFile(path.join(g.dir, 'cgroup.procs'), 'utf8').catch(() => '')).split('\n').filter(Boolean);
        left += pids.length;
        for (const pid of pids) {
          try {
            process.kill(Number(pid), 'SIGKILL');
          } catch {
            // already gone
          }
        }
      }
      if (left === 0) return;
      await sleep(20);
    }
  }

  /** Kills what is left and removes the cgroups. */
  async remove(): Promise<void> {
    await this.killAll();
    for (const g of this.groups) {
      for (let i = 0; i < 50 && (await rmdir(g.dir).then(() => false, () => true)); i++) await sleep(20);
    }
  }
}

/** A shell prefix that moves the shell into the cgroups and then execs "$@". */
export function joinScript(procsFiles: string[]): string {
  return `${procsFiles.map((f) => `echo $$ > '${f}' || exit 125;`).join(' ')} exec "$@"`;
}
