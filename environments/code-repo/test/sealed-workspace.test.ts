import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import env from '../src/index.js';
import type { CodeRepoSession } from '../src/session.js';
import type { CodeTask } from '../src/tasks/code-task.js';
import { runGitOk } from '../src/workspace/git.js';
import { config, episodeContext } from './env-context.js';
import { cleanTempDirs, makeRepo, overlaysUnder, tempDir, writeJsonl } from './helpers.js';

/** Lines only the future holds: the fix, a later branch, a stash, a note, a tag message. */
const FUTURE = ['FIX_LINE_7f3a9c', 'BRANCH_LINE_51d2e0', 'STASH_LINE_c0ffee', 'NOTE_TEXT_9b8a77', 'TAG_MESSAGE_e1e2e3'];

let dir: string;
let cacheDir: string;
let source: string;
let past: string;
let base: string;
const later: Record<string, string> = {};
const tasks: Record<string, CodeTask> = {};

const git = (args: string[]) => runGitOk(args, { cwd: source });
const exists = (p: string) => stat(p).then(() => true, () => false);

async function commit(files: Record<string, string>, message: string): Promise<string> {
  for (const [rel, content] of Object.entries(files)) await writeFile(path.join(source, rel), content);
  await git(['add', '-A']);
  await git(['commit', '--quiet', '-m', message]);
  return (await git(['rev-parse', 'HEAD'])).trim();
}

beforeAll(async () => {
  dir = await tempDir('code-repo-sealed-');
  cacheDir = path.join(dir, 'cache');
  source = path.join(dir, 'upstream');
  past = await makeRepo(source, { 'src/calc.mjs': 'export const add = (a, b) => a - b;\n', 'README.md': 'calc\n' });
  base = await commit({ 'README.md': 'calc, a calculator\n' }, 'docs: describe calc');
  // The future of the repository: the fix, a tag on it, a note, a later branch, a stash.
  later['fix'] = await commit({ 'src/calc.mjs': `export const add = (a, b) => a + b; // ${FUTURE[0]}\n` }, 'fix add');
  await git(['tag', '-a', 'v1.0.1', '-m', FUTURE[4] ?? '']);
  await git(['notes', 'add', '-m', FUTURE[3] ?? '', later['fix']]);
  await git(['checkout', '--quiet', '-b', 'future']);
  later['branch'] = await commit({ 'NEXT.md': `${FUTURE[1]}\n` }, 'next feature');
  await git(['checkout', '--quiet', 'main']);
  await writeFile(path.join(source, 'README.md'), `${FUTURE[2]}\n`);
  await git(['stash', 'push', '--quiet']);
  later['stash'] = (await git(['rev-parse', 'refs/stash'])).trim();
  later['tag'] = (await git(['rev-parse', 'v1.0.1'])).trim();

  const instance = {
    instance_id: 'calc-1',
    repo: source,
    base_commit: base,
    problem_statement: 'add subtracts.',
    FAIL_TO_PASS: ['add adds'],
    test_framework: 'node-test',
  };
  const file = await writeJsonl(path.join(dir, 'data.jsonl'), [
    instance,
    { ...instance, instance_id: 'calc-none', history: 'none' },
    { ...instance, instance_id: 'calc-setup', environment_setup_commit: past, setup_command: 'git rev-parse HEAD > setup-at.txt; git log --all --format=%H >> setup-at.txt' },
  ]);
  for (const task of (await env.tasks(config({ dataset: file, cacheDir }), { seed: 1, cwd: dir })) as CodeTask[]) tasks[task.id] = task;
}, 60_000);

afterAll(async () => {
  expect(await overlaysUnder(dir)).toEqual([]);
  await cleanTempDirs();
});

async function withSession<T>(id: string, fn: (session: CodeRepoSession, run: (command: string) => Promise<string>) => Promise<T>): Promise<T> {
  const session = (await env.open(tasks[id] as CodeTask, config({ cacheDir }), episodeContext(dir))) as CodeRepoSession;
  const run = async (command: string) => (await session.step({ tool: 'run', input: { command, timeoutSec: 60 } })).observation;
  try {
    return await fn(session, run);
  } finally {
    await session.close();
  }
}

/** What an agent trying to read the repository's future would run. */
const probes = () => [
  'git log --all --oneline --decorate',
  'git rev-list --all --reflog --objects',
  'git fsck --lost-found 2>&1; git fsck --unreachable --no-reflogs 2>&1; ls -R .git/lost-found 2>&1',
  'git cat-file --batch-all-objects --batch-check',
  'git cat-file --batch-all-objects --batch',
  'git tag -l; git branch -a; git remote -v; git stash list; git notes list; git reflog --all; git for-each-ref',
  'cat .git/packed-refs .git/FETCH_HEAD .git/ORIG_HEAD .git/objects/info/alternates 2>&1',
  'find .git -type f | xargs cat | grep -a -c . ; find .git -type f | xargs cat | zcat -f 2>/dev/null | grep -a -e FIX_LINE -e NOTE_TEXT',
  'for p in .git/objects/pack/*.idx; do git verify-pack -v "$p"; done',
  `grep -r -a -e FIX_LINE -e BRANCH_LINE -e STASH_LINE -e NOTE_TEXT -e TAG_MESSAGE . /tmp ${dir} 2>&1 | head`,
];

describe('a sealed workspace (full-past)', () => {
  it('shows an adversarial agent nothing made after base_commit', async () => {
    const transcript = await withSession('calc-1', async (_session, run) => {
      const outputs: string[] = [];
      for (const probe of probes()) outputs.push(`$ ${probe}\n${await run(probe)}`);
      // Asking for the fix by hash (the agent cannot know it, but say it did) finds no such object and no way to fetch it.
      const byHash = await run(`git show ${later['fix']} 2>&1; git fetch ${source} ${later['fix']} 2>&1; ls -A ${cacheDir} 2>&1`);
      expect(byHash).toContain(`fatal: bad object ${later['fix']}`);
      expect(byHash).toContain('does not appear to be a git repository');
      expect(byHash).not.toContain(FUTURE[0]);
      return outputs.join('\n');
    });
    // The probes did run (and saw the past) ...
    expect(transcript).toContain(base.slice(0, 7));
    expect(transcript).toContain(past.slice(0, 7));
    expect(transcript).toMatch(/blob \d+/);
    // ... and found none of the future: no line, note, stash, tag, branch or commit hash of it.
    for (const text of FUTURE) expect(transcript).not.toContain(text);
    for (const [what, hash] of Object.entries(later)) expect(transcript, what).not.toContain(hash.slice(0, 10));
    expect(transcript).not.toMatch(/v1\.0\.1|future|refs\/notes|refs\/stash|origin/);
  });

  it('keeps git status, diff, log, stash and commit working for the agent', async () => {
    await withSession('calc-1', async (session, run) => {
      expect(await run('git status --porcelain; git log --format=%H')).toMatch(new RegExp(`^${base}\n${past}\n\\[exit code 0 `));
      await session.step({ tool: 'edit', input: { path: 'src/calc.mjs', old: 'a - b', new: 'a + b' } });
      expect(await run('git diff')).toContain('+export const add = (a, b) => a + b;');
      expect(await run('git diff HEAD --stat')).toContain('src/calc.mjs | 2 +-');
      expect(await run('git stash && git diff --stat | wc -l && git stash list && git stash pop && git diff --stat')).toMatch(/^0\nstash@\{0\}: WIP on main: [0-9a-f]+ docs: describe calc\n[\s\S]*src\/calc.mjs \| 2 \+-/m);
      expect(await run('git commit --quiet -am "agent fix" && git log --oneline | wc -l')).toMatch(/^3\n/);
      await session.step({ tool: 'write_file', input: { path: 'NOTES.md', content: 'after the commit\n' } });
      // The model patch is the whole change against base, committed or not.
      const patch = await session.modelPatch();
      expect(patch).toContain('+export const add = (a, b) => a + b;');
      expect(patch).toContain('+after the commit');
    });
  });

  it('never lets the agent’s git config run commands on the host when the harness diffs', async () => {
    await withSession('calc-1', async (session, run) => {
      const pwned = path.join(dir, 'pwned');
      await run(
        [
          `git config core.fsmonitor "touch ${pwned}-fsmonitor; false"`,
          `git config filter.evil.clean "touch ${pwned}-filter; cat"`,
          `git config core.hooksPath /tmp`,
          `echo "* filter=evil" > .gitattributes`,
          'echo changed > README.md',
        ].join(' && '),
      );
      const patch = await session.modelPatch();
      expect(patch).toContain('+changed');
      expect(patch).toContain('+* filter=evil');
      expect(await exists(`${pwned}-fsmonitor`)).toBe(false);
      expect(await exists(`${pwned}-filter`)).toBe(false);
    });
  });
});

describe('a setup command at environment_setup_commit', () => {
  it('runs in a sealed checkout of that commit; its files sit over the base checkout', async () => {
    await withSession('calc-setup', async (_session, run) => {
      expect(await run('cat setup-at.txt; git rev-parse HEAD; git status --porcelain | wc -l')).toMatch(new RegExp(`^${past}\n${past}\n${base}\n0\n`));
    });
  });
});

describe('a sealed workspace with history: none', () => {
  it('holds the base commit alone, and still nothing after it', async () => {
    const transcript = await withSession('calc-none', async (_session, run) => {
      expect(await run('git log --format=%H | wc -l; git rev-parse HEAD; git status --porcelain | wc -l')).toMatch(new RegExp(`^1\\n${base}\\n0\\n`));
      const outputs: string[] = [];
      for (const probe of probes()) outputs.push(await run(probe));
      expect(await run(`git cat-file -t ${past} 2>&1`)).toContain('fatal');
      return outputs.join('\n');
    });
    for (const text of FUTURE) expect(transcript).not.toContain(text);
    for (const hash of [...Object.values(later)]) expect(transcript).not.toContain(hash.slice(0, 10));
  });

  it('are cached once per (repository, base, history)', async () => {
    const checkouts = await readdir(path.join(cacheDir, 'checkouts'));
    // base (full-past), base (none), and the setup commit's for calc-setup.
    expect(checkouts.filter((d) => d.includes(base.slice(0, 12)) && d.includes('-full-past-'))).toHaveLength(1);
    expect(checkouts.filter((d) => d.includes(base.slice(0, 12)) && d.includes('-none-'))).toHaveLength(1);
    expect(checkouts).toHaveLength(3);
  });
});
