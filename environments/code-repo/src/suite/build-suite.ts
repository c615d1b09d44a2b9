import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gitEnv } from '../workspace/git.js';
import { readFixture } from './fixture-files.js';
import { SUITE_TASKS } from './suite-tasks.js';
import type { FileChange, SuiteRepo, SuiteTask } from './suite-types.js';

/** Where {@link buildSuite} put things. */
export interface BuiltSuite {
  /** The tasks, one SWE-bench instance a line. */
  datasetPath: string;
  /** The repositories, as `owner__name` (pass as config `repos`). */
  repos: string;
}

const VARIANTS = ['fix', 'hiddenTests', 'wrongFix'] as const;

async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

/** The files a list of changes rewrites, computed from the base contents. */
function changedFiles(base: Record<string, string>, changes: FileChange[], taskId: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const change of changes) {
    const current = out[change.path] ?? base[change.path];
    if ('content' in change) out[change.path] = change.content;
    else if (current === undefined) throw new Error(`suite task ${taskId}: ${change.path} does not exist`);
    else if ('append' in change) out[change.path] = current + change.append;
    else {
      const count = current.split(change.find).length - 1;
      if (count !== 1) throw new Error(`suite task ${taskId}: the snippet to replace occurs ${count} times in ${change.path}`);
      out[change.path] = current.replace(change.find, () => change.replace);
    }
  }
  return out;
}

/** One process for all of a repository's git work: spawning is the slow part on small machines. */
const SCRIPT = String.raw`set -eu
cd "$REPO"
git init --quiet --initial-branch=main
git add -A
git commit --quiet --no-verify -m "$MESSAGE"
git rev-parse HEAD > "$OUT/base"
git clone --quiet "$REPO" "$OUT/scratch"
cd "$OUT/scratch"
for variant in "$OUT"/variants/*; do
  cp -R "$variant/." .
  git add -A
  git diff --cached --binary --no-color --no-ext-diff HEAD > "$variant.diff"
  git reset --quiet --hard HEAD
  git clean -fdxq
done
`;

function runScript(env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', SCRIPT], { env: gitEnv(env), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`building suite repository ${env['REPO']} failed: ${stderr.trim()}`))));
  });
}

/** Builds one repository and the patches of its tasks: changes are made in a scratch clone and diffed by git. */
async function buildRepo(dir: string, repo: SuiteRepo, tasks: SuiteTask[]): Promise<{ base: string; diffs: Map<string, string> }> {
  const slug = repo.name.replace('/', '__');
  const repoDir = path.join(dir, 'repos', slug);
  const work = path.join(dir, 'work', slug);
  const files = await readFixture(repo.fixture);
  await writeFiles(repoDir, files);
  for (const task of tasks) {
    for (const variant of VARIANTS) {
      await writeFiles(path.join(work, 'variants', `${task.id}.${variant}`), changedFiles(files, task[variant], task.id));
    }
  }
  await runScript({ REPO: repoDir, OUT: work, MESSAGE: `${repo.name}: current state` });
  const diffs = new Map<string, string>();
  for (const task of tasks) {
    for (const variant of VARIANTS) {
      const diff = await readFile(path.join(work, 'variants', `${task.id}.${variant}.diff`), 'utf8');
      if (diff.trim() === '') throw new Error(`suite task ${task.id}: ${variant} produced an empty diff`);
      diffs.set(`${task.id}.${variant}`, diff);
    }
  }
  return { base: (await readFile(path.join(work, 'base'), 'utf8')).trim(), diffs };
}

/** The visible tests a task's scoring run covers: those of the files its hidden tests touch, or all. */
function passToPass(repo: SuiteRepo, task: SuiteTask): string[] {
  if (!repo.testCommand?.includes('{tests}')) return Object.values(repo.visibleTests).flat();
  return task.hiddenTests.flatMap((change) => repo.visibleTests[change.path] ?? []);
}

/**
 * Writes the built-in suite into `dir`: each repository as a git repo with one commit (fixed identity and
 * dates, so base commits are the same everywhere), and `tasks.jsonl` whose patches come from making each
 * change in a scratch clone and running `git diff`.
 */
export async function buildSuite(dir: string, tasks: SuiteTask[] = SUITE_TASKS): Promise<BuiltSuite> {
  const repos = [...new Set(tasks.map((t) => t.repo))];
  const lines: string[] = [];
  try {
    for (const repo of repos) {
      const own = tasks.filter((t) => t.repo === repo);
      const { base, diffs } = await buildRepo(dir, repo, own);
      for (const task of own) {
        lines.push(
          JSON.stringify({
            instance_id: task.id,
            repo: repo.name,
            base_commit: base,
            problem_statement: task.problem,
            patch: diffs.get(`${task.id}.fix`),
            test_patch: diffs.get(`${task.id}.hiddenTests`),
            FAIL_TO_PASS: task.failToPass,
            PASS_TO_PASS: [...passToPass(repo, task), ...(task.extraPassToPass ?? [])],
            test_framework: repo.framework,
            ...(repo.testCommand ? { test_command: repo.testCommand } : {}),
            difficulty: task.difficulty,
            visible_tests: Object.values(repo.visibleTests).flat(),
            wrong_patch: diffs.get(`${task.id}.wrongFix`),
          }),
        );
      }
    }
  } finally {
    await rm(path.join(dir, 'work'), { recursive: true, force: true });
  }
  const datasetPath = path.join(dir, 'tasks.jsonl');
  await writeFile(datasetPath, `${lines.join('\n')}\n`);
  return { datasetPath, repos: path.join(dir, 'repos') };
}
