// Preloaded into a benched process (`node --import ./report-usage.mjs ...`): on exit it writes the process's
// peak RSS and CPU time to the file named by BENCH_USAGE_FILE, so the bench reads them without /usr/bin/time.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKB: u.maxRSS, cpuS: (u.userCPUTime + u.systemCPUTime) / 1e6 }));
  });
}
