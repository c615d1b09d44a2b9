/**
 * report.html at scale: builds a synthetic 10,000-episode run (about 100 MB of gzip'd trajectories), renders the
 * report and opens it in Debian's Chromium. Prints the file size, the generation time and the time until first
 * paint and until the episode table's first row shows. Goal: first row under 2 s.
 *   npm run bench -w libs/report            (BENCH_EPISODES=N, BENCH_TRAJECTORY_KB=K to change the size)
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseCompute, type EpisodeRecord } from '@crucible/core';
import { createAccumulator, paretoFrontier } from '@crucible/scoring';
import { chromium } from 'playwright-core';
import { htmlReportChunks, type HtmlEpisode } from '../src/index.js';

const EPISODES = Number(process.env['BENCH_EPISODES'] ?? 10_000);
const TRAJECTORY_KB = Number(process.env['BENCH_TRAJECTORY_KB'] ?? 14);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const POINTS = ['reasoningEffort=low', 'reasoningEffort=medium', 'reasoningEffort=high'];
const REASONS = ['submitted', 'submitted', 'submitted', 'max_steps', 'token_budget'] as const;

let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
// random words so the gzip'd trajectory is as large as a real one of that size (repeated text would compress away)
const words = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 36 ** 6).toString(36)).join(' ');

function record(i: number): EpisodeRecord {
  const point = POINTS[i % POINTS.length]!;
  const passed = rand() < 0.4 + 0.2 * (i % POINTS.length);
  const usage = { calls: 4, promptTokens: 400, completionTokens: 300 + (i % POINTS.length) * 400, cachedTokens: 0, reasoningTokens: 0 };
  const score = { value: passed ? 1 : 0, passed, answer: String(i % 97), details: { reference: passed ? String(i % 97) : '0', votes: 3 } };
  return {
    format: 2, id: `ep-${i.toString(16).padStart(8, '0')}`, runId: 'bench', env: { name: 'math', version: '1' }, taskId: `math/synthetic/${Math.floor(i / POINTS.length)}`,
    difficulty: 1 + (i % 5), model: { name: 'sim', testDouble: true }, point, compute: parseCompute({ samples: 4, reasoningEffort: point.split('=')[1] }), epoch: 0, seed: 0, status: i % 250 === 7 ? 'error' : 'ok',
    exitReason: REASONS[i % REASONS.length]!, score,
    samples: [0, 1, 2, 3].map((index) => ({ index, exitReason: 'submitted', score: { ...score, passed: index < 3 ? passed : !passed }, usage, steps: 1, invalidActions: 0, revisions: 0, wallMs: 100 })),
    usage, costUsd: null, wallMs: 400, steps: 4, invalidActions: 0, startedAt: '', finishedAt: '', trajectory: `trajectories/${i}.json.gz`,
  } as EpisodeRecord;
}

const records = Array.from({ length: EPISODES }, (_, i) => record(i));
const trajectories = records.map(() =>
  gzipSync(JSON.stringify({ samples: [0, 1, 2, 3].map((index) => ({ index, messages: [{ role: 'system', content: 'Solve the problem.' }, { role: 'user', content: words(20) }, { role: 'assistant', content: words(Math.round((TRAJECTORY_KB * 1024) / 4 / 7)) }] })) })),
);
const trajectoryBytes = trajectories.reduce((n, t) => n + t.length, 0);

const dir = await mkdtemp(join(tmpdir(), 'crucible-report-bench-'));
try {
  const t0 = performance.now();
  const acc = createAccumulator();
  records.forEach((r) => acc.add(r));
  const summary = acc.result();
  const curves = acc.curve();
  const episodes: HtmlEpisode[] = records.map((r) => ({
    id: r.id, taskId: r.taskId, point: r.point, status: r.status, exitReason: r.exitReason, passed: r.score.passed, difficulty: r.difficulty, answer: r.score.answer,
    tokens: 2800, calls: 4, wallMs: r.wallMs, samples: 4, reference: String(r.score.details['reference']),
    sampleResults: r.samples.map((s) => ({ index: s.index, answer: s.score.answer, passed: s.score.passed, exitReason: s.exitReason, tokens: 700 })),
  }));
  const file = join(dir, 'report.html');
  // the path finalizeRun takes: chunks streamed to the file, each trajectory base64'd as its block is written
  const chunks = htmlReportChunks({ meta: { runId: 'bench', env: 'math', model: 'sim' }, summary, curves, frontier: paretoFrontier(curves, 'tokens'), bestPerDifficulty: acc.bestPerDifficulty('tokens'), episodes, totalEpisodes: EPISODES }, async (_, i) => trajectories[i]!.toString('base64'));
  await pipeline(Readable.from(chunks), createWriteStream(file));
  const genMs = performance.now() - t0;
  const size = (await stat(file)).size;

  const browser = await chromium.launch({ executablePath: process.env['CRUCIBLE_CHROMIUM'] ?? '/usr/bin/chromium', args: ARGS });
  try {
    const runs: Array<{ fcp: number; row: number; open: number }> = [];
    let searchMs = NaN;
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage();
      const start = Date.now();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'commit' });
      await page.locator('#episodes tbody tr').first().waitFor({ state: 'visible', timeout: 60_000 });
      const row = Date.now() - start;
      const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
      const t = Date.now();
      await page.locator('#episodes tbody tr').nth(3).click();
      await page.locator('#viewer .msg.assistant').first().waitFor({ timeout: 60_000 });
      runs.push({ fcp, row, open: Date.now() - t });
      if (i === 0) {
        // a word no trajectory holds: the message search decodes every one of them
        const s = Date.now();
        await page.check('#f-messages');
        await page.fill('#f-search', 'zzzz-not-there');
        await page.waitForFunction("document.getElementById('search-status').textContent.startsWith('messages searched')", undefined, { timeout: 600_000 });
        searchMs = Date.now() - s;
      }
      await page.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const fcp = median(runs.map((r) => r.fcp));
    const row = median(runs.map((r) => r.row));
    console.log(`report.html, ${EPISODES} episodes, ${(trajectoryBytes / 1e6).toFixed(1)} MB of gzip'd trajectories (sim-like synthetic data)`);
    console.log(`  file size            ${(size / 1e6).toFixed(1)} MB`);
    console.log(`  generation           ${(genMs / 1000).toFixed(2)} s (summary, render, write)`);
    console.log(`  first contentful paint  ${fcp.toFixed(0)} ms (median of ${runs.length} loads)`);
    console.log(`  first table row visible ${row} ms from navigation (median; goal < 2000 ms: ${row < 2000 ? 'met' : 'NOT met'}, ratio ${(row / 2000).toFixed(2)})`);
    console.log(`  open an episode (decode its trajectory) ${median(runs.map((r) => r.open))} ms (median)`);
    console.log(`  search the messages of all ${EPISODES} trajectories ${(searchMs / 1000).toFixed(1)} s (${((trajectoryBytes / 1e6) / (searchMs / 1000)).toFixed(1)} MB/s gzip'd)`);
  } finally {
    await browser.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
