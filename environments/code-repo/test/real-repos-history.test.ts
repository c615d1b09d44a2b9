import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import env from '../src/index.js';
import type { CodeRepoSession } from '../src/session.js';
import type { CodeTask } from '../src/tasks/code-task.js';
import { config, episodeContext } from './env-context.js';
import { overlaysUnder } from './helpers.js';
import { buildRealRepos, writeJsonlDataset, type RealRepo, type RealRepos } from './real-repos/index.js';

const sh = promisify(execFile);
let repos: RealRepos;
let cacheDir: string;
const tasks: Record<string, CodeTask> = {};

beforeAll(async () => {
  repos = await buildRealRepos();
  cacheDir = path.join(repos.root, 'cache');
  const dataset = await writeJsonlDataset(path.join(repos.root, 'instances.jsonl'), [repos.python.instance, repos.js.instance]);
  const loaded = (await env.tasks(config({ dataset, repos: repos.reposDir, cacheDir }), { seed: 1, cwd: repos.root })) as CodeTask[];
  for (const task of loaded) tasks[task.id] = task;
}, 120_000);

afterAll(async () => {
  expect(await overlaysUnder(repos.root)).toEqual([]);
  await repos.cleanup();
});

/** Counts lines of every object the repository at `cwd` holds (packed or loose) that contain one of the needles. */
const OBJECTS_WITH_NEEDLES = 'git cat-file --batch-all-objects --batch | grep -a -c -F -f /tmp/needles';

/** The fix's added lines, written where grep can read them: the sandbox's private /tmp, not the workspace. */
function writeNeedles(lines: string[]): string {
  return `cat > /tmp/needles <<'CRUCIBLE_NEEDLES'\n${lines.join('\n')}\nCRUCIBLE_NEEDLES`;
}

describe.each([
  ['python (unittest, upstream default command)', () => repos.python],
  ['javascript (node --test, upstream default command)', () => repos.js],
])('a history probe in the %s fixture repository', (_name, repoOf) => {
  it('finds nothing after base_commit: no later commit, no line of the fix', async () => {
    const repo: RealRepo = repoOf();
    // The probe can fail: upstream (the whole history) holds the fix's lines and commits.
    const needles = path.join(repos.root, `${path.basename(repo.path)}.needles`);
    await writeFile(needles, `${repo.fixAddedLines.join('\n')}\n`);
    const upstream = await sh('sh', ['-c', OBJECTS_WITH_NEEDLES.replace('/tmp/needles', needles)], { cwd: repo.path, maxBuffer: 1 << 26 });
    expect(Number(upstream.stdout.trim())).toBeGreaterThan(0);
    expect(repo.futureCommits.length).toBeGreaterThan(0);

    const session = (await env.open(tasks[repo.instance.instance_id] as CodeTask, config({ repos: repos.reposDir, cacheDir }), episodeContext(repos.root))) as CodeRepoSession;
    const run = async (command: string) => (await session.step({ tool: 'run', input: { command, timeoutSec: 60 } })).observation;
    try {
      const listed = await run(
        'git log --all --format=%H; git rev-list --all --reflog; git cat-file --batch-all-objects --batch-check; git fsck --lost-found 2>&1; ' +
          'git tag -l; git branch -a; git remote -v; git stash list; git reflog --all; git for-each-ref',
      );
      expect(listed).toContain(repo.baseCommit);
      for (const hash of repo.futureCommits) expect(listed).not.toContain(hash.slice(0, 12));
      expect(await run(`git show ${repo.fixCommit} 2>&1 | head -1`)).toContain('fatal: bad object');
      const found = await run(
        `${writeNeedles(repo.fixAddedLines)}\n${OBJECTS_WITH_NEEDLES}; grep -r -a -c -F -f /tmp/needles . | grep -v ':0$' | wc -l; ` +
          'find .git -type f | xargs cat | zcat -f 2>/dev/null | grep -a -c -F -f /tmp/needles',
      );
      // three counts, all zero: object contents, working tree and raw .git files
      expect(found).toMatch(/^0\n0\n0\n/);
    } finally {
      await session.close();
    }
  }, 120_000);
});
