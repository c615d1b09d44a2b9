// A separate process racing for one lock: waits for the start time, tries once, prints `won` or `held`,
// and (having won) keeps the lock a moment so the other racer sees it taken.
import { acquireFileLock, isLockHeld } from '../file-lock.js';

const [path, startAt] = process.argv.slice(2) as [string, string];
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
try {
  const release = await acquireFileLock(path, { staleMs: 2_000 });
  process.stdout.write('won\n');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await release();
} catch (err) {
  if (!isLockHeld(err)) throw err;
  process.stdout.write('held\n');
}
