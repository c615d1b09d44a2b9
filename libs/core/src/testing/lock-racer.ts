// A separate process racing for one lock: says `ready`, waits for the `go` file, tries once, prints `won` or
// `held`, and (having won) keeps the lock until its stdin closes, so a late racer still finds it taken.
import fs from 'node:fs';
import { access } from 'node:fs/promises';
import { acquireFileLock, isLockHeld } from '../file-lock.js';

const [path, go] = process.argv.slice(2) as [string, string];
process.stdout.write('ready\n');
while (!(await access(go).then(() => true, () => false))) await new Promise((resolve) => setTimeout(resolve, 2));
try {
  // A slow stat makes the window between "the lock is stale" and "take it" wide, as a loaded machine does.
  const slowFs = { ...fs, stat: (p: string, cb: (...args: unknown[]) => void) => setTimeout(() => fs.stat(p, cb), 100) };
  const release = await acquireFileLock(path, { staleMs: 2_000, fs: slowFs });
  process.stdout.write('won\n');
  await new Promise((resolve) => process.stdin.on('close', resolve).resume());
  await release();
} catch (err) {
  if (!isLockHeld(err)) throw err;
  process.stdout.write('held\n');
}
