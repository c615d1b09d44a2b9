import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isCrucibleError } from '@crucible/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_DIR } from '../src/sandbox/hidden-paths.js';
import { runCommand } from '../src/sandbox/run-command.js';
import { config } from './env-context.js';
import { formatRunResult } from '../src/tools/run.js';
import { cleanTempDirs, makeRepo, tempDir } from './helpers.js';

let ws: string;
let outside: string;

/** Pids whose command line contains `token`. */
async function processesWith(token: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.split('\0').join(' ').includes(token)) pids.push(Number(entry));
  }
  return pids;
}

/** Waits (up to a few seconds) for processes to be gone: SIGKILL delivery is asynchronous. */
async function survivors(token: string): Promise<number[]> {
  for (let i = 0; i < 40; i++) {
    const pids = await processesWith(token);
    if (pids.length === 0) return pids;
    await sleep(100);
  }
  return processesWith(token);
}

const exists = (p: string) => stat(p).then(() => true, () => false);

beforeAll(async () => {
  ws = await tempDir('code-repo-ws-');
  outside = await tempDir('code-repo-outside-');
  process.env['OPENAI_API_KEY'] = 'sk-test-SECRET';
  process.env['GITHUB_TOKEN'] = 'ghp-test-SECRET';
});

afterAll(async () => {
  delete process.env['OPENAI_API_KEY'];
  delete process.env['GITHUB_TOKEN'];
  await cleanTempDirs();
});

describe('commands under bubblewrap', () => {
  const run = (command: string, timeoutMs = 10_000) => runCommand(command, { workspace: ws, timeoutMs, hide: [PACKAGE_DIR] });

  it('can write the workspace and nothing else', async () => {
    const result = await run(
      `echo ok > inside.txt; echo x > /etc/crucible-escape; echo x > ${outside}/escape.txt; echo x > ${PACKAGE_DIR}/escape.txt; echo done`,
    );
    expect(result.sandboxed).toBe(true);
    expect(result.output).toContain('Read-only file system');
    expect(await readFile(path.join(ws, 'inside.txt'), 'utf8')).toBe('ok\n');
    expect(await exists('/etc/crucible-escape')).toBe(false);
    expect(await exists(path.join(outside, 'escape.txt'))).toBe(false);
    expect(await exists(path.join(PACKAGE_DIR, 'escape.txt'))).toBe(false);
  });

  it('cannot see hidden directories', async () => {
    const result = await run(`cat ${PACKAGE_DIR}/src/index.ts; ls -A ${PACKAGE_DIR} | wc -l`);
    expect(result.output).toContain('No such file or directory');
    expect(result.output.trim().split('\n').at(-1)).toBe('0');
  });

  it('gets none of the parent environment secrets', async () => {
    const result = await run('env; cat /proc/self/environ; cat /proc/1/environ');
    expect(result.output).toContain('PATH=');
    expect(result.output).not.toContain('SECRET');
    expect(result.output).not.toMatch(/OPENAI_API_KEY|GITHUB_TOKEN/);
  });

  it('has no network: a socket to a listening host port fails and the server sees nothing', async () => {
    let connections = 0;
    const server = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const node = `node -e "require('net').connect(${port}, '127.0.0.1').on('connect', () => { console.log('CONNECTED'); process.exit(0); }).on('error', (e) => { console.log('NODE-FAILED', e.code); process.exit(3); })"`;
      const python = `python3 -c "import socket; s = socket.socket(); s.settimeout(2); s.connect(('127.0.0.1', ${port})); print('CONNECTED')"`;
      const result = await run(`${node}; ${python} || echo PY-FAILED`);
      expect(result.output).toContain('NODE-FAILED');
      expect(result.output).toContain('PY-FAILED');
      expect(result.output).not.toContain('CONNECTED');
      expect(connections).toBe(0);
    } finally {
      server.close();
    }
  });

  it('kills a command that runs forever, with everything it started', async () => {
    const result = await run('sleep 876.5431 & while true; do :; done', 1000);
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(await survivors('876.5431')).toEqual([]);
  });

  it('leaves no background child running after the command returns', async () => {
    const result = await run('(sleep 1; echo late > marker.txt) & sleep 987.6541 & echo started');
    expect(result.output).toBe('started\n');
    expect(result.exitCode).toBe(0);
    expect(await survivors('987.6541')).toEqual([]);
    await sleep(1500);
    expect(await exists(path.join(ws, 'marker.txt'))).toBe(false);
  });

  it('caps the output with a visible note', async () => {
    const result = await run('yes | head -c 300000');
    expect(result.truncated).toBe(true);
    expect(result.output).toMatch(/output truncated: \d+ bytes omitted of 300000/);
    expect(result.output.length).toBeLessThan(70_000);
  });

  it('stops when the episode is aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await runCommand('sleep 654.3211', { workspace: ws, timeoutMs: 30_000, signal: controller.signal });
    expect(result.aborted).toBe(true);
    expect(await survivors('654.3211')).toEqual([]);
  });
});

describe('the allow-list view', () => {
  it('shows the toolchains, a writable HOME and git on the workspace, and nothing of the host beyond them', async () => {
    const repo = await tempDir('code-repo-git-ws-');
    await makeRepo(repo, { 'a.txt': 'one\n' });
    const script = [
      'python3 -c "import sys, json; print(\'py\', sys.version_info[0])"',
      'node -e "console.log(\'node\', process.versions.node.split(\'.\')[0])"',
      'echo hi > "$HOME/.x" && echo home-ok',
      'echo two >> a.txt && git status --short && git diff --stat | tail -1',
      'git stash -q && git stash list | wc -l && git stash pop -q && git commit -qam wip && git log --oneline | wc -l',
      "ls / | sed 's/^/top:/'; cat /etc/shadow",
    ].join('; ');
    const result = await runCommand(script, { workspace: repo, timeoutMs: 20_000 });
    expect(result.output).toMatch(/^py 3$/m);
    expect(result.output).toMatch(/^node \d+$/m);
    expect(result.output).toContain('home-ok');
    expect(result.output).toContain(' M a.txt');
    expect(result.output).toMatch(/1 file changed, 1 insertion/);
    expect(result.output).toMatch(/^1\n2$/m);
    const top = result.output.split('\n').filter((l) => l.startsWith('top:')).map((l) => l.slice(4));
    expect(top).toContain('usr');
    for (const name of top) expect(['bin', 'dev', 'etc', 'lib', 'lib32', 'lib64', 'libx32', 'proc', 'root', 'sbin', 'tmp', 'usr']).toContain(name);
    expect(result.output).toContain('/etc/shadow: No such file or directory');
    expect(result.limitHit).toBeUndefined();
  });

  it('shows a read-only directory but not a hidden one inside it', async () => {
    const shown = await tempDir('code-repo-shown-');
    await mkdir(path.join(shown, 'hidden'));
    await writeFile(path.join(shown, 'visible.txt'), 'VISIBLE\n');
    await writeFile(path.join(shown, 'hidden', 'secret.txt'), 'SECRET-INSIDE\n');
    const result = await runCommand(`cat ${shown}/visible.txt ${shown}/hidden/secret.txt; ls -A ${shown}/hidden | wc -l; echo x > ${shown}/new.txt`, {
      workspace: ws,
      readOnly: [shown],
      hide: [path.join(shown, 'hidden')],
      timeoutMs: 10_000,
    });
    expect(result.output).toContain('VISIBLE');
    expect(result.output).not.toContain('SECRET-INSIDE');
    expect(result.output).toMatch(/^0$/m);
    expect(result.output).toContain('Read-only file system');
  });

  it('reports a limit in the RunResult and in the run observation', async () => {
    const limits = { ...config({}).limits, fileSizeMb: 1 };
    const result = await runCommand('head -c 5000000 /dev/zero > big.bin; echo after', { workspace: ws, timeoutMs: 10_000, limits });
    expect(result.limitHit).toBe('file_size');
    expect((await stat(path.join(ws, 'big.bin'))).size).toBe(1024 * 1024);
    expect(formatRunResult(result, 10)).toMatch(/\[limit hit \(file_size\): a write hit the file size limit \(1 MiB per file\) and was stopped\]$/);
  });

  it('takes limits from the env config, as an object or a JSON string, defaults filling the rest', () => {
    expect(config({}).limits).toEqual({ processes: 256, fileSizeMb: 512, tmpSizeMb: 256, diskMb: 1024, memoryMb: 4096, cpuTimeSec: 600 });
    expect(config({ limits: '{"processes":512}' }).limits.processes).toBe(512);
    expect(config({ limits: { memoryMb: 128 } }).limits).toMatchObject({ memoryMb: 128, processes: 256 });
    expect(() => config({ limits: { processes: 1 } })).toThrow(/processes/);
    expect(() => config({ limits: { nproc: 5 } })).toThrow(/nproc/);
  });
});

describe('without bubblewrap', () => {
  afterEach(() => {
    delete process.env['CRUCIBLE_BWRAP'];
  });

  it('refuses to run, saying how to fix it', async () => {
    process.env['CRUCIBLE_BWRAP'] = '/nonexistent/bwrap';
    const error = await runCommand('echo hi', { workspace: ws, timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(isCrucibleError(error) && error.code).toBe('unsafe_refused');
    expect(isCrucibleError(error) && error.hint).toMatch(/install bubblewrap.*--unsafe-no-sandbox/);
  });

  it('runs directly when allowed, still scrubbed, timed out and reaped', async () => {
    process.env['CRUCIBLE_BWRAP'] = 'none';
    const result = await runCommand('env; sleep 765.4321 & sleep 100', { workspace: ws, timeoutMs: 1000, unsafeNoSandbox: true });
    expect(result.sandboxed).toBe(false);
    expect(result.timedOut).toBe(true);
    expect(result.output).not.toContain('SECRET');
    expect(result.output).toContain(`HOME=${ws}`);
    expect(await survivors('765.4321')).toEqual([]);
  });
});
