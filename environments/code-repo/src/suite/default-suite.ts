import { createHash } from 'node:crypto';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildSuite, type BuiltSuite } from './build-suite.js';
import { readFixture } from './fixture-files.js';
import { SUITE_TASKS } from './suite-tasks.js';

/** Bumped when the way the suite is built changes (its content is hashed anyway). */
const BUILD_FORMAT = 1;

let built: Promise<BuiltSuite> | undefined;

/**
 * The built-in suite, built once per process into a temp directory named by a hash of its content
 * (so later processes reuse it, and mirrors of its repositories stay valid). Built beside and renamed
 * into place, so concurrent processes never see half a suite.
 */
export function defaultSuite(): Promise<BuiltSuite> {
  built ??= (async () => {
    const fixtures = await Promise.all([...new Set(SUITE_TASKS.map((t) => t.repo.fixture))].map(async (name) => [name, await readFixture(name)]));
    const hash = createHash('sha256').update(JSON.stringify({ BUILD_FORMAT, SUITE_TASKS, fixtures })).digest('hex').slice(0, 12);
    const dir = path.join(os.tmpdir(), `crucible-code-repo-suite-${hash}`);
    const result = { datasetPath: path.join(dir, 'tasks.jsonl'), repos: path.join(dir, 'repos') };
    if (await access(result.datasetPath).then(() => true, () => false)) return result;
    const tmp = `${dir}.tmp-${process.pid}-${Math.random().toString(16).slice(2, 8)}`;
    await mkdir(tmp, { recursive: true });
    try {
      await buildSuite(tmp, SUITE_TASKS);
      await rename(tmp, dir).catch(async (err: NodeJS.ErrnoException) => {
        if (!(await access(result.datasetPath).then(() => true, () => false))) throw err;
      });
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
    return result;
  })();
  built.catch(() => (built = undefined));
  return built;
}
