import { realpath } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../src/sandbox/run-command.js';
import { searchTool, type SearchRunner } from '../src/tools/search.js';
import { cleanTempDirs, tempDir, writeTree } from './helpers.js';

let root: string;

beforeAll(async () => {
  root = await realpath(await tempDir('code-repo-search-'));
  const files: Record<string, string> = {
    'src/lib.js': 'export const answer = 42;\nconst t = "a".repeat(3);\n',
    'src/with space.txt': 'needle here\n',
    // Each line makes /^(a+)+$/ backtrack 2^30 ways in a backtracking engine (JavaScript's would hang for minutes).
    'evil/a.txt': `${'a'.repeat(30)}!\naaaa\n`,
  };
  // Back-references force a backtracking engine (PCRE2 in ripgrep, glibc in grep): slow on every file.
  for (let i = 0; i < 20; i++) files[`slow/f${i}.txt`] = `${'a'.repeat(40)}!\n`.repeat(20);
  await writeTree(root, files);
});

afterAll(cleanTempDirs);

const runnerFor = (timeoutSec: number, engine?: 'grep'): SearchRunner => ({
  timeoutSec,
  engine,
  run: (command, maxOutputBytes) => runCommand(command, { workspace: root, timeoutMs: timeoutSec * 1000, maxOutputBytes }),
});

/** Runs `fn` while a 20 ms interval ticks; returns its result and the longest gap between ticks. */
async function whileTicking<T>(fn: () => Promise<T>): Promise<{ value: T; ticks: number; maxGapMs: number }> {
  let last = Date.now();
  let maxGapMs = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
    ticks++;
  }, 20);
  try {
    const value = await fn();
    return { value, ticks, maxGapMs };
  } finally {
    clearInterval(timer);
  }
}

describe.each([['ripgrep', undefined], ['the grep fallback', 'grep' as const]])('search with %s', (_name, engine) => {
  it('finds matches in paths with spaces, in the tool format', async () => {
    const obs = await searchTool(root, { pattern: 'needle|answer = \\d+', path: 'src' }, runnerFor(10, engine));
    expect(obs).toBe('src/lib.js:1: export const answer = 42;\nsrc/with space.txt:1: needle here');
  });

  it('a pattern catastrophic for JavaScript returns within a second while the event loop keeps ticking', async () => {
    const { value, maxGapMs } = await whileTicking(() => searchTool(root, { pattern: '^(a+)+$', path: 'evil' }, runnerFor(10, engine)));
    // ripgrep's automaton answers right; grep -P gives up on the file at PCRE's backtracking limit and says so.
    if (engine === 'grep') expect(value).toMatch(/^Error: the search failed: .*backtracking limit/);
    else expect(value).toBe('evil/a.txt:2: aaaa');
    expect(maxGapMs).toBeLessThan(1000);
  });
});

describe('an expensive search', () => {
  it('times out as an observation while the event loop keeps ticking', async () => {
    const started = Date.now();
    const { value, ticks, maxGapMs } = await whileTicking(() => searchTool(root, { pattern: '(a+)+\\1$', path: 'slow' }, runnerFor(1)));
    // Depending on the machine's speed, ripgrep's PCRE2 engine either runs past the 1 s limit (and is stopped) or gives
    // up on each file at its own match limit first; both are bounded answers, and neither blocks the harness.
    expect(value).toMatch(/^Error: the search for \/\(a\+\)\+\\1\$\/ timed out after 1 s and was stopped|match limit exceeded/);
    expect(Date.now() - started).toBeLessThan(8000);
    // A regex run in this process would have blocked the loop for the whole search (one gap of over a second).
    expect(ticks).toBeGreaterThan(10);
    expect(maxGapMs).toBeLessThan(1000);
  });
});

describe('search without the sandbox (--unsafe-no-sandbox)', () => {
  it('still runs as a subprocess and finds the same matches', async () => {
    process.env['CRUCIBLE_BWRAP'] = 'none';
    try {
      const runner: SearchRunner = {
        timeoutSec: 10,
        run: (command, maxOutputBytes) => runCommand(command, { workspace: root, timeoutMs: 10_000, maxOutputBytes, unsafeNoSandbox: true }),
      };
      expect(await searchTool(root, { pattern: 'needle|answer = \\d+', path: 'src' }, runner)).toBe('src/lib.js:1: export const answer = 42;\nsrc/with space.txt:1: needle here');
    } finally {
      delete process.env['CRUCIBLE_BWRAP'];
    }
  });
});
