import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, simUrl } from './cli.js';

/** The ```sh block under "## The `crucible` command", one command a line, exactly as a reader copies it. */
async function readmeBlock(): Promise<string[]> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const block = /^## The `crucible` command\n+```sh\n([\s\S]*?)\n```/m.exec(readme);
  if (!block) throw new Error('README.md has no ```sh block under "## The `crucible` command"');
  return block[1]!.split('\n').filter((line) => line.trim() !== '');
}

const lines = await readmeBlock();
const RUNS = join(ROOT, 'runs');

/** The run directories a line writes: `--run-id X` lands in runs/X unless `--out` says where. */
function runDirsOf(line: string): string[] {
  const out = /--out[ =](\S+)/.exec(line)?.[1];
  const runId = /--run-id[ =](\S+)/.exec(line)?.[1];
  const dirs = out ? [resolve(ROOT, out, ...(runId ? [runId] : []))] : runId ? [join(RUNS, runId)] : [];
  // Cleanup deletes these: refuse anything outside runs/.
  for (const d of dirs) if (!d.startsWith(RUNS + sep)) throw new Error(`README line writes outside runs/: ${line}`);
  return dirs;
}

const written = lines.flatMap(runDirsOf);
const removeWritten = () => Promise.all(written.map((d) => rm(d, { recursive: true, force: true })));
// A previous interrupted run may have left them (merge refuses an existing --out).
beforeAll(removeWritten);
afterAll(removeWritten);

// No key and no base URL from the developer's shell: the documented real-endpoint line must not call anyone.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'OPENAI_API_KEY' && k !== 'OPENAI_BASE_URL'));
env.CRUCIBLE_README_BIN = BIN;
// `npx crucible` is the repository's binary (as in the other e2e tests); any other npx call is a README bug.
const SHELL_PRELUDE = 'npx() { if [ "$1" = crucible ]; then shift; exec node "$CRUCIBLE_README_BIN" "$@"; fi; echo "README line runs npx $1, not crucible" >&2; exit 127; }\n';

/** Runs one README line through bash (its quoting and trailing comment as written), from the repository root. */
function sh(line: string) {
  return execa('bash', ['-c', SHELL_PRELUDE + line], { cwd: ROOT, env, extendEnv: false, reject: false, timeout: 60_000 });
}

describe('README: the `crucible` command block runs as written', () => {
  it('has commands, each one a `npx crucible` line, each run or sweep with its own --run-id', () => {
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      expect(line, 'every line is a crucible command').toMatch(/^npx crucible( |$)/);
      // A run without --run-id would leave runs/<random>/ behind on every test run.
      if (/^npx crucible (run|sweep) /.test(line)) expect(line, 'run/sweep lines name their run').toMatch(/--run-id readme-\S+/);
    }
  });

  for (const line of lines) {
    const comment = line.includes(' #') ? line.slice(line.indexOf(' #')) : '';
    if (/needs OPENAI_API_KEY/.test(comment)) {
      it(`refuses without a key, exit 2 and one line: ${line}`, async () => {
        const res = await sh(line);
        expect(res.exitCode, String(res.stderr)).toBe(2);
        const err = String(res.stderr).trim();
        expect(err.split('\n')).toHaveLength(1);
        expect(err).toMatch(/no API key for https:\/\/api\.openai\.com\/v1.*OPENAI_API_KEY/);
        for (const d of runDirsOf(line)) expect(existsSync(d), `${d} must not be created`).toBe(false);
      });
    } else if (/Ctrl-C/.test(comment)) {
      it(`serves until stopped: ${line}`, async () => {
        const server = sh(line);
        try {
          const url = await simUrl(server);
          const models = (await (await fetch(`${url}/models`)).json()) as { data: Array<{ id: string }> };
          expect(models.data.map((m) => m.id)).toContain('sim');
          const reply = await fetch(`${url}/chat/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ model: 'sim', messages: [{ role: 'user', content: 'What is 2 + 3?' }] }),
          });
          expect(reply.status).toBe(200);
          expect(((await reply.json()) as { choices: unknown[] }).choices.length).toBeGreaterThan(0);
        } finally {
          server.kill('SIGTERM');
        }
        const done = await server;
        expect(done.exitCode, String(done.stderr)).toBe(0);
      });
    } else {
      it(`exits 0: ${line}`, async () => {
        const res = await sh(line);
        expect(res.exitCode, `${String(res.stdout).slice(-2000)}\n${String(res.stderr)}`).toBe(0);
        expect(String(res.stdout).trim()).not.toBe('');
        for (const d of runDirsOf(line)) expect(existsSync(join(d, 'summary.json')), `${d}/summary.json`).toBe(true);
        // The README's dataset must be the example task, not a file that grades nothing.
        if (/grade code-repo/.test(line)) expect(JSON.parse(String(res.stdout))).toMatchObject({ resolved_ids: ['example__tiny-calc-1'], error_ids: [] });
      });
    }
  }
});
