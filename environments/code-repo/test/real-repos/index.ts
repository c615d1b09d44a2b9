import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { addedLines, buildHistory, commitDiff, git, type CommitSpec } from './git-history.js';
import { JS_COMMITS, JS_INSTANCE, JS_WRONG_FIX } from './js-project.js';
import { PYTHON_COMMITS, PYTHON_INSTANCE, PYTHON_WRONG_FIX } from './python-project.js';

export { writeJsonDataset, writeJsonlDataset, writeParquetDataset } from './dataset-files.js';

/** Which commit of a fixture history is the base, the fix and the fix's tests. */
const BASE = 3;
const FIX = 4;
const TESTS = 5;

/** A SWE-bench instance as distributed: test lists are JSON-encoded strings, as in the Hugging Face datasets. */
export interface SweBenchInstance {
  instance_id: string;
  repo: string;
  base_commit: string;
  patch: string;
  test_patch: string;
  problem_statement: string;
  hints_text: string;
  created_at: string;
  version: string;
  environment_setup_commit: string;
  FAIL_TO_PASS: string;
  PASS_TO_PASS: string;
  test_command: string;
}

/** One fixture repository and the instance made from its history. */
export interface RealRepo {
  /** The repository (a normal clone with the whole history, future included, as upstream has it). */
  path: string;
  instance: SweBenchInstance;
  baseCommit: string;
  fixCommit: string;
  testCommit: string;
  /** Every commit after the base (fix, tests, release): none may be reachable from an agent's workspace. */
  futureCommits: string[];
  /** Lines the fix commit adds that appear nowhere at or before the base: what a history probe greps for. */
  fixAddedLines: string[];
  /** A plausible fix that does not pass the hidden tests. */
  wrongPatch: string;
}

/** The fixture repositories, under `reposDir` as `owner__name` (pass it as `--repos`). */
export interface RealRepos {
  root: string;
  reposDir: string;
  python: RealRepo;
  js: RealRepo;
  /** Removes everything under `root`. */
  cleanup: () => Promise<void>;
}

async function diffOverBase(repoDir: string, base: string, files: Record<string, string>, scratch: string): Promise<string> {
  await git(path.dirname(scratch), ['clone', '--quiet', repoDir, scratch]);
  await git(scratch, ['checkout', '--quiet', base]);
  for (const [rel, content] of Object.entries(files)) await writeFile(path.join(scratch, rel), content);
  const diff = await git(scratch, ['diff']);
  await rm(scratch, { recursive: true, force: true });
  return diff;
}

async function buildRepo(
  reposDir: string,
  commits: CommitSpec[],
  fields: Omit<SweBenchInstance, 'base_commit' | 'patch' | 'test_patch' | 'created_at' | 'environment_setup_commit' | 'FAIL_TO_PASS' | 'PASS_TO_PASS'> & {
    FAIL_TO_PASS: string[];
    PASS_TO_PASS: string[];
  },
  wrongFix: Record<string, string>,
): Promise<RealRepo> {
  const dir = path.join(reposDir, fields.repo.replace('/', '__'));
  const hashes = await buildHistory(dir, commits);
  const [baseCommit = '', fixCommit = '', testCommit = ''] = [hashes[BASE], hashes[FIX], hashes[TESTS]];
  const patch = await commitDiff(dir, fixCommit);
  const past = await git(dir, ['log', '-p', baseCommit]);
  return {
    path: dir,
    baseCommit,
    fixCommit,
    testCommit,
    futureCommits: hashes.slice(FIX),
    fixAddedLines: addedLines(patch).filter((line) => line.trim().length > 12 && !past.includes(line)),
    wrongPatch: await diffOverBase(dir, baseCommit, wrongFix, `${dir}.scratch`),
    instance: {
      ...fields,
      base_commit: baseCommit,
      patch,
      test_patch: await commitDiff(dir, testCommit),
      created_at: commits[FIX]?.date ?? '',
      environment_setup_commit: baseCommit,
      FAIL_TO_PASS: JSON.stringify(fields.FAIL_TO_PASS),
      PASS_TO_PASS: JSON.stringify(fields.PASS_TO_PASS),
    },
  };
}

/**
 * Builds a Python (unittest) and a JavaScript (`node --test`) repository from several real-looking commits
 * in a fresh temp directory, with a SWE-bench instance for each: `patch` is the fix commit's diff, `test_patch`
 * the diff of the test commit after it, and both projects' `test_command`s are their upstream defaults.
 */
export async function buildRealRepos(root?: string): Promise<RealRepos> {
  const base = root ?? (await mkdtemp(path.join(os.tmpdir(), 'crucible-real-repos-')));
  const reposDir = path.join(base, 'repos');
  const python = await buildRepo(reposDir, PYTHON_COMMITS, PYTHON_INSTANCE, PYTHON_WRONG_FIX);
  const js = await buildRepo(reposDir, JS_COMMITS, JS_INSTANCE, JS_WRONG_FIX);
  return { root: base, reposDir, python, js, cleanup: () => rm(base, { recursive: true, force: true }) };
}
