import { appendFile, cp, mkdir, readFile, readdir, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimServer, type SimServer } from '@crucible/sim';
import { ROOT, tempDir } from './cli.js';

/**
 * The inferred `eval` target under real Nx (cache on), the real CLI and the sim, in temporary copies of the
 * workspace that are git checkouts of one repository (one remote), as two clones of it are. Nx's default cache is
 * shared by every checkout of a repository (under ~/.nx), so each copy runs with a private HOME of this test.
 */

/** Top-level entries a copy does not need: installed packages are linked, build and run outputs left behind. */
const SKIP = new Set(['node_modules', '.git', '.nx', 'runs', 'dist', 'coverage', 'out-tsc', '.crucible-cache', '.gen-test', 'cassettes']);

async function copyWorkspace(dest: string): Promise<void> {
  await cp(ROOT, dest, {
    recursive: true,
    filter: (src) => {
      const rel = src.slice(ROOT.length + 1);
      const first = rel.split('/')[0]!;
      return !SKIP.has(first) && !/(^|\/)(dist|out-tsc|\.nx)(\/|$)|\.tsbuildinfo$/.test(rel);
    },
  });
  // Link every installed package but the workspace's own: those links are relative (../../libs/core) and made
  // again here, so the CLI in the copy loads the copy's sources, the ones the test edits.
  await mkdir(join(dest, 'node_modules/@crucible'), { recursive: true });
  for (const entry of await readdir(join(ROOT, 'node_modules'))) {
    if (entry !== '@crucible') await symlink(join(ROOT, 'node_modules', entry), join(dest, 'node_modules', entry));
  }
  for (const entry of await readdir(join(ROOT, 'node_modules/@crucible'))) {
    await symlink(await readlink(join(ROOT, 'node_modules/@crucible', entry)), join(dest, 'node_modules/@crucible', entry));
  }
  // The workspace's nx.json (cache location, named inputs, target defaults, the Crucible plugin) without the
  // plugins that infer the typecheck, test and lint targets: they add nothing to `eval` and double each run's time.
  const nxJson = JSON.parse(await readFile(join(dest, 'nx.json'), 'utf8')) as { plugins: (string | { plugin: string })[] };
  nxJson.plugins = nxJson.plugins.filter((p) => (typeof p === 'string' ? p : p.plugin).startsWith('./tools/nx-plugin'));
  expect(nxJson.plugins).toHaveLength(1);
  await writeFile(join(dest, 'nx.json'), JSON.stringify(nxJson, null, 2));
  // One repository identity for every copy: Nx keys its machine-wide cache by it (the remote).
  await execa('git', ['init', '-q'], { cwd: dest });
  await execa('git', ['remote', 'add', 'origin', 'https://example.invalid/crucible/crucible.git'], { cwd: dest });
}

/** Several Nx runs per test, each 3 to 7 s of CPU (measured), so far longer on a busy machine. */
const TEST_TIMEOUT = 300_000;

/** What one `nx run` did: `hit` when Nx replayed it from its cache. */
interface NxRun {
  exitCode: number;
  output: string;
  hit: boolean;
}

describe('the Nx eval target', () => {
  let base: string;
  let home: string;
  let checkout: string;
  let sim: SimServer;

  /** Runs a target in `cwd` with only the variables given here (CI's NX_SKIP_NX_CACHE and the like stay out). */
  async function nx(cwd: string, target: string, vars: Record<string, string> = {}): Promise<NxRun> {
    // NX_SOCKET_DIR: Nx leaves a folder per workspace under /tmp/.nx otherwise.
    const env: Record<string, string> = { HOME: home, NX_SOCKET_DIR: join(base, 'sockets'), NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0', NO_COLOR: '1', ...vars };
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && !/^(NX_|CRUCIBLE_|OPENAI_|HOME$|VITEST|npm_)/.test(key) && !(key in env)) env[key] = value;
    }
    const res = await execa('node', [join(cwd, 'node_modules/.bin/nx'), 'run', target, '--tasks', '2', '--outputStyle=static'], {
      cwd,
      env,
      extendEnv: false,
      reject: false,
      all: true,
      timeout: 150_000,
    });
    const output = String(res.all);
    return { exitCode: res.exitCode ?? -1, output, hit: /Nx read the output from the cache instead of running the command for 1 out of 1 tasks/.test(output) };
  }

  /** When the run in a checkout's eval run directory was made: a cache hit restores the original one. */
  async function createdAt(cwd: string, runId = 'math-eval'): Promise<string> {
    return JSON.parse(await readFile(join(cwd, 'runs/nx', runId, 'run.json'), 'utf8')).createdAt;
  }

  beforeAll(async () => {
    base = await tempDir('crucible-nx-eval-');
    home = join(base, 'home');
    checkout = join(base, 'a');
    await mkdir(home);
    await mkdir(join(base, 'sockets'), { mode: 0o700 });
    await copyWorkspace(checkout);
    sim = await startSimServer({});
  }, 60_000);

  afterAll(async () => {
    await sim?.close();
    if (base) await rm(base, { recursive: true, force: true });
  });

  it('is replayed while its inputs hold, and runs again after a harness edit; printed paths are the checkout\'s', async () => {
    const first = await nx(checkout, '@crucible/env-math:eval');
    expect(first.exitCode, first.output).toBe(0);
    expect(first.hit).toBe(false);
    expect(first.output).toMatch(/SIMULATED/);
    expect(first.output).toMatch(/^run directory: runs\/nx\/math-eval$/m);
    expect(first.output).not.toContain(base);
    const ran = await createdAt(checkout);
    // The cache is the checkout's own (nx.json cacheDirectory), not the per-user one every checkout shares.
    expect((await readdir(join(checkout, '.nx/cache'))).length).toBeGreaterThan(0);
    await expect(stat(join(home, '.nx'))).rejects.toThrow();

    await rm(join(checkout, 'runs'), { recursive: true });
    const second = await nx(checkout, '@crucible/env-math:eval');
    expect(second.exitCode, second.output).toBe(0);
    expect(second.hit).toBe(true);
    expect(second.output).toMatch(/^run directory: runs\/nx\/math-eval$/m);
    expect(await createdAt(checkout)).toBe(ran);

    // A harness package the CLI loads (not a dependency of the environment) changes the result.
    await appendFile(join(checkout, 'libs/orchestrator/src/index.ts'), '\n// an edit to the harness\n');
    const edited = await nx(checkout, '@crucible/env-math:eval');
    expect(edited.exitCode, edited.output).toBe(0);
    expect(edited.hit).toBe(false);
    expect(await createdAt(checkout)).not.toBe(ran);
  }, TEST_TIMEOUT);

  it('never caches a live model; a cassette replay is cached and keyed by CRUCIBLE_MODEL', async () => {
    const live = { CRUCIBLE_MODEL: 'sim-as-a-real-model', OPENAI_BASE_URL: sim.url };
    const refused = await nx(checkout, '@crucible/env-math:eval', live);
    expect(refused.exitCode).not.toBe(0);
    expect(refused.output).toMatch(/CRUCIBLE_MODEL=sim-as-a-real-model is a real endpoint.*eval-live/);

    const recorded = await nx(checkout, '@crucible/env-math:eval-live', { ...live, CRUCIBLE_EVAL_CACHE: 'read-write' });
    expect(recorded.exitCode, recorded.output).toBe(0);
    expect(recorded.output).toMatch(/response cache \(read-write, cassettes\/math\): 0 hits, 2 misses/);
    // eval-live ran (Nx never caches it) and wrote its own run directory.
    expect(recorded.hit).toBe(false);
    await createdAt(checkout, 'math-eval-live');

    const replay = { ...live, CRUCIBLE_EVAL_CACHE: 'replay' };
    const replayed = await nx(checkout, '@crucible/env-math:eval', replay);
    expect(replayed.exitCode, replayed.output).toBe(0);
    expect(replayed.hit).toBe(false);
    expect(replayed.output).toMatch(/response cache \(replay, cassettes\/math\): 2 hits, 0 misses/);
    const fromCache = await nx(checkout, '@crucible/env-math:eval', replay);
    expect(fromCache.hit).toBe(true);

    const otherModel = await nx(checkout, '@crucible/env-math:eval', { ...replay, CRUCIBLE_MODEL: 'sim-another-model' });
    expect(otherModel.hit).toBe(false);
    // It ran: the cassette holds no request of that model, so the replay fails (and a failure is never cached).
    expect(otherModel.output).toMatch(/2 requests were not in the cassette/);
    expect(otherModel.exitCode).not.toBe(0);
  }, TEST_TIMEOUT);

  it('is not replayed in another clone from this one\'s run', async () => {
    const clone = join(base, 'b');
    await copyWorkspace(clone);
    const run = await nx(clone, '@crucible/env-math:eval');
    expect(run.exitCode, run.output).toBe(0);
    expect(run.hit).toBe(false);
    expect(run.output).toMatch(/^run directory: runs\/nx\/math-eval$/m);
    expect(run.output).not.toContain(checkout);
  }, TEST_TIMEOUT);
});
