/**
 * How long an episode workspace takes to create and remove on a 1,000-file repository: the overlay mount over the
 * cached sealed checkout (and the copy fallback, with and without a copy prepared ahead) next to a plain
 * `git worktree add` from the mirror. Goal: creation
 * under 50 ms. Prints mean / p50 / p95 and the ratios.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureBaseCheckout } from '../src/workspace/base-checkout.js';
import { runGitOk } from '../src/workspace/git.js';
import { ensureMirror } from '../src/workspace/mirror.js';
import { overlayStatus } from '../src/workspace/overlay.js';
import { closeWorkspace, copyPoolStats, drainCopyPool, openWorkspace, type WorkspaceSource } from '../src/workspace/workspace.js';
import { writeTree } from '../test/helpers.js';

const FILES = 1000;
const COMMITS = 5;
/** Runs of the overlay (fast) and of the copy and worktree methods (each writes 1,000 files). */
const RUNS = { fast: 30, slow: 10 };

interface Stats {
  mean: number;
  p50: number;
  p95: number;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return { mean: values.reduce((a, b) => a + b, 0) / values.length, p50: at(0.5), p95: at(0.95) };
}

const fmt = (s: Stats) => `mean ${s.mean.toFixed(1).padStart(6)}  p50 ${s.p50.toFixed(1).padStart(6)}  p95 ${s.p95.toFixed(1).padStart(6)} ms`;

async function timed(
  runs: number,
  create: () => Promise<() => Promise<void>>,
  before: () => Promise<void> = async () => undefined,
): Promise<{ runs: number; create: Stats; remove: Stats }> {
  const made: number[] = [];
  const removed: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before();
    let t = performance.now();
    const remove = await create();
    made.push(performance.now() - t);
    t = performance.now();
    await remove();
    removed.push(performance.now() - t);
  }
  return { runs, create: stats(made), remove: stats(removed) };
}

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'crucible-bench-'));
  try {
    const source = path.join(root, 'source');
    const files: Record<string, string> = {};
    for (let i = 0; i < FILES; i++) files[`src/dir${i % 25}/file${i}.js`] = `export const value${i} = ${i};\n`.repeat(20);
    await writeTree(source, files);
    await runGitOk(['init', '--quiet', '--initial-branch=main'], { cwd: source });
    for (let c = 0; c < COMMITS; c++) {
      if (c > 0) await writeFile(path.join(source, `src/dir${c}/file${c}.js`), `export const value${c} = ${c * 100};\n`);
      await runGitOk(['add', '-A'], { cwd: source });
      await runGitOk(['commit', '--quiet', '-m', `commit ${c}`], { cwd: source });
    }
    const commit = (await runGitOk(['rev-parse', 'HEAD~1'], { cwd: source })).trim();
    const cache = path.join(root, 'cache');
    const mirror = await ensureMirror(source, cache);
    const t = performance.now();
    const base = await ensureBaseCheckout(cache, mirror, commit, 'full-past');
    const buildMs = performance.now() - t;

    const overlay = await overlayStatus();
    const results: Array<[string, { runs: number; create: Stats; remove: Stats }]> = [];
    const ours = async (mode: WorkspaceSource['mode'], before?: () => Promise<void>) =>
      timed(
        mode === 'copy' ? RUNS.slow : RUNS.fast,
        async () => {
          const ws = await openWorkspace({ base, mode }, 'bench');
          return () => closeWorkspace(ws);
        },
        before,
      );
    if (overlay.ok) results.push(['overlay workspace (this harness)', await ours('overlay')]);
    // Back to back, each open waits for the copy the previous one started; spaced out (episodes last minutes), each
    // takes a ready one.
    results.push(['copy fallback, back to back', await ours('copy')]);
    results.push(['copy fallback, spaced (pool ready)', await ours('copy', () => copyPoolStats().settled)]);
    await drainCopyPool();
    const worktree = await timed(RUNS.slow, async () => {
      const dir = path.join(root, `wt-${Math.random().toString(16).slice(2)}`);
      await runGitOk(['worktree', 'add', '--detach', '--quiet', dir, commit], { cwd: mirror });
      return async () => {
        await runGitOk(['worktree', 'remove', '--force', dir], { cwd: mirror });
        await rm(dir, { recursive: true, force: true });
      };
    });
    results.push(['git worktree add (mirror)', worktree]);

    const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
    console.log(`repository: ${FILES} files, ${COMMITS} commits; ${os.cpus().length} CPUs, load average ${load}`);
    console.log(`sealed base checkout, built once per (repo, base, history): ${buildMs.toFixed(0)} ms`);
    if (!overlay.ok) console.log(`overlay mounts unavailable here (${overlay.reason}); episodes use the copy fallback`);
    for (const [name, r] of results) {
      console.log(`${`${name} x${r.runs}`.padEnd(38)} create: ${fmt(r.create)}   remove: ${fmt(r.remove)}`);
    }
    const [bestName, best] = results[0] ?? ['', worktree];
    const ratio = (a: number, b: number) => `${(a / b).toFixed(4)} (${(b / a).toFixed(1)}x faster)`;
    console.log(`ratio ${bestName} / git worktree add, create p50: ${ratio(best.create.p50, worktree.create.p50)}; mean: ${ratio(best.create.mean, worktree.create.mean)}`);
    console.log(`goal: episode workspace ready in < 50 ms (p50 ${best.create.p50.toFixed(1)} ms, p95 ${best.create.p95.toFixed(1)} ms): ${best.create.p95 < 50 ? 'met' : best.create.p50 < 50 ? 'met at p50, not at p95' : 'NOT met'}`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
