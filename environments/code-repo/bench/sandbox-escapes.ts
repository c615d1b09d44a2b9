/**
 * `npm run sandbox-escapes`: runs the sandbox escape attempts (test/escape-attempts.ts, the same ones the
 * tests assert on) against real bubblewrap and prints the "attempt | result" table and the per-command cost.
 * Exits 1 if any attempt got through.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { detectBwrap } from '../src/sandbox/bwrap.js';
import { cgroupSupport } from '../src/sandbox/cgroup.js';
import { DEFAULT_LIMITS } from '../src/sandbox/limits.js';
import { runCommand } from '../src/sandbox/run-command.js';
import { escapeFixture, escapeTable, ESCAPE_ATTEMPTS, type AttemptOutcome } from '../test/escape-attempts.js';

const execFileP = promisify(execFile);

/** Ten timings of `fn` in ms, sorted. */
async function timed(fn: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

const fixture = await escapeFixture();
const rows: Array<{ name: string; outcome: AttemptOutcome | { skipped: string } }> = [];
try {
  for (const attempt of ESCAPE_ATTEMPTS) {
    const skipped = await attempt.skip?.();
    rows.push({ name: attempt.name, outcome: skipped ? { skipped } : await attempt.attempt(fixture) });
  }
  const bwrap = await detectBwrap();
  if (!bwrap.ok) throw new Error(bwrap.reason);
  const times = await timed(() => runCommand('true', { workspace: fixture.workspace, timeoutMs: 10_000 }).then(() => undefined));
  // The sandbox before issue 8: the whole host read-only, nothing else.
  const plain = await timed(() => execFileP(bwrap.path, ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--unshare-net', '--unshare-pid', '--', 'true']).then(() => undefined));
  const support = await cgroupSupport();
  process.stdout.write(`${escapeTable(rows)}\n\n`);
  process.stdout.write(`limits (defaults): ${JSON.stringify(DEFAULT_LIMITS)}\n`);
  process.stdout.write(`enforced by cgroups here: pids=${support.pids} memory=${support.memory} (else RLIMIT_NPROC / RLIMIT_AS)\n`);
  process.stdout.write(`one sandboxed \`true\` (runCommand: allow-list view, cgroups, rlimits, du), 10 runs: median ${times[5]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times[9]!.toFixed(0)})\n`);
  process.stdout.write(`plain \`bwrap --ro-bind / / true\` (the old view, no limits), 10 runs: median ${plain[5]!.toFixed(0)} ms (min ${plain[0]!.toFixed(0)}, max ${plain[9]!.toFixed(0)})\n`);
  process.stdout.write(`ratio (median): ${(times[5]! / plain[5]!).toFixed(1)}x\n`);
} finally {
  await fixture.dispose();
}
process.exitCode = rows.some((r) => 'stopped' in r.outcome && !r.outcome.stopped) ? 1 : 0;
