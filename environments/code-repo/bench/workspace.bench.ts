/**
 * How long an episode workspace takes to create (git worktree add from the cached mirror) next to a
 * plain `git clone --local`, on a 1,000-file repository. Goal: under 50 ms. Prints the medians and the ratio.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runGitOk } from '../src/workspace/git.js';
import { ensureMirror } from '../src/workspace/mirror.js';
import { createWorktree, removeWorktree } from '../src/workspace/worktree.js';
import { writeTree } from '../test/helpers.js';

const FILES = 1000;
const RUNS = 20;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'crucible-bench-'));
  try {
    const source = path.join(root, 'source');
    const files: Record<string, string> = {};
    for (let i = 0; i < FILES; i++) files[`src/dir${i % 25}/file${i}.js`] = `export const value${i} = ${i};\n`.repeat(20);
    await writeTree(source, files);
    await runGitOk(['init', '--quiet'], { cwd: source });
    await runGitOk(['add', '-A'], { cwd: source });
    await runGitOk(['commit', '--quiet', '-m', 'base'], { cwd: source });
    const commit = (await runGitOk(['rev-parse', 'HEAD'], { cwd: source })).trim();
    const mirror = await ensureMirror(source, path.join(root, 'cache'));

    const worktreeMs: number[] = [];
    const cloneMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      const worktree = await createWorktree(mirror, commit, 'bench');
      worktreeMs.push(performance.now() - t);
      await removeWorktree(worktree);

      const target = path.join(root, `clone-${i}`);
      t = performance.now();
      await runGitOk(['clone', '--quiet', '--local', source, target], { cwd: root });
      cloneMs.push(performance.now() - t);
      await rm(target, { recursive: true, force: true });
    }
    const wt = median(worktreeMs);
    const clone = median(cloneMs);
    console.log(`repository: ${FILES} files, ${RUNS} runs each`);
    console.log(`episode workspace (git worktree add from mirror): median ${wt.toFixed(1)} ms (min ${Math.min(...worktreeMs).toFixed(1)}, max ${Math.max(...worktreeMs).toFixed(1)})`);
    console.log(`git clone --local:                               median ${clone.toFixed(1)} ms (min ${Math.min(...cloneMs).toFixed(1)}, max ${Math.max(...cloneMs).toFixed(1)})`);
    console.log(`ratio worktree / clone: ${(wt / clone).toFixed(2)}  (goal: worktree < 50 ms: ${wt < 50 ? 'met' : 'not met'})`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
