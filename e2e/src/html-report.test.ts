import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrajectorySchema, messagesOf } from '@crucible/core';
import { crucible, tempDir } from './cli.js';

/** Debian's Chromium, headless, as root, with nothing reaching for the network. */
const CHROMIUM = process.env['CRUCIBLE_CHROMIUM'] ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser: Browser;
let sweepOut: string;
const dirs: string[] = [];

interface Row {
  id: string;
  taskId: string;
  point: string;
  status: string;
  passed: boolean;
  difficulty?: number;
  exitReason: string;
  trajectory?: string;
  score: { answer?: string; details: Record<string, unknown> };
  samples: Array<{ score: { passed: boolean; answer?: string } }>;
}
const readRows = async (runDir: string): Promise<Row[]> =>
  (await readFile(join(runDir, 'episodes.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Row & { score: { passed: boolean } })
    .map((r) => ({ ...r, passed: r.score.passed }));

/** Pixels of a PNG that are clearly coloured (not white, grey or black), counted by the page's own canvas. */
async function colouredPixels(page: Page, png: Buffer): Promise<number> {
  // a string: the e2e package is typed without the DOM library; this runs in the page
  return page.evaluate<number>(`(async () => {
    const img = new Image();
    img.src = 'data:image/png;base64,${png.toString('base64')}';
    await img.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [img.width, img.height];
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, img.width, img.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 60) n++;
    return n;
  })()`);
}

const visibleTasks = (page: Page) => page.locator('#episodes tbody tr td:first-child').allTextContents();
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  // one small sweep (2 settings x k = 1, 2, 4 over 26 tasks: 52 episodes, two table pages) that the chart and browser tests read
  sweepOut = await tempDir();
  dirs.push(sweepOut);
  const res = await crucible(['sweep', '--env', 'math', '--model', 'sim', '--tasks', '26', '--grid', 'samples=1,2,4', '--grid', 'reasoningEffort=low,high', '--out', sweepOut, '--run-id', 'html']);
  expect(res.exitCode, res.stderr).toBe(0);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('report.html in real Chromium', () => {
  it('shows the sim notice, results, the compute curve and a working trajectory viewer', async () => {
    const out = sweepOut;
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(join(out, 'html', 'report.html')).href);
    await expect(page.locator('#sim-notice').textContent()).resolves.toMatch(/SIMULATED/);
    expect(await page.locator('#partial-run').count()).toBe(0); // a complete run has no PARTIAL banner
    expect(await page.locator('h2', { hasText: 'Results' }).count()).toBe(1);
    expect(await page.locator('svg#curve polyline.curve').count()).toBe(2);
    const rows = page.locator('#episodes tbody tr');
    expect(await rows.count()).toBe(50); // the first page of 52
    await rows.nth(2).click();
    const viewer = page.locator('#viewer');
    await viewer.locator('.msg.system').first().waitFor(); // the trajectory is decoded on opening
    await expect(viewer.locator('.msg.system').count()).resolves.toBeGreaterThan(0);
    const assistant = await viewer.locator('.msg.assistant').first().textContent();
    expect(assistant).toContain('[sim]');
    // four samples at the pool's N=4, each with its own assistant reply
    expect(await viewer.locator('.msg.assistant').count()).toBe(4);
    // reasoning (the sim sends reasoning_content when an effort is asked for) sits collapsed apart from the answer
    const reasoning = viewer.locator('.msg.assistant details.reasoning').first();
    await expect(reasoning.locator('summary').textContent()).resolves.toMatch(/^reasoning \(\d+ characters, not graded\)$/);
    expect(await reasoning.evaluate((d) => (d as { open: boolean }).open)).toBe(false);
    expect(await reasoning.isVisible()).toBe(true);
    await reasoning.locator('summary').click();
    expect(await reasoning.evaluate((d) => (d as { open: boolean }).open)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('charts have axis titles, tick labels, k on each point, CI bands, Pareto rings and hover values, and are drawn', async () => {
    const out = sweepOut;
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(out, 'html', 'report.html')).href);
    const curve = page.locator('svg#curve');
    expect(await curve.locator('text.axis-title').allTextContents()).toEqual(['tokens per task (log scale)', 'score (maj@k / best@k)']);
    const xTicks = (await curve.locator('text.xtick').allTextContents()).filter((t) => t.trim() !== '');
    expect(xTicks.length).toBeGreaterThanOrEqual(3);
    expect(await curve.locator('text.ytick').allTextContents()).toEqual(['0%', '25%', '50%', '75%', '100%']);
    // two settings, each with k = 1, 2, 4 from its pool of 4
    expect((await curve.locator('text.tag').allTextContents()).sort()).toEqual(['k=1', 'k=1', 'k=2', 'k=2', 'k=4', 'k=4']);
    expect(await curve.locator('polygon.band').count()).toBe(2);
    expect(await curve.locator('g.pareto').count()).toBeGreaterThan(0);
    expect(await curve.locator('g.pt title').first().textContent()).toMatch(/^reasoningEffort=(low|high), k=\d \(vote\): \d+\.\d% \(95% CI .*\) at [\d,]+ tokens\/task/);
    // one chart per sweep axis that varies between settings, and the per-difficulty chart
    expect(await page.locator('svg#axis-reasoningEffort text.xtick').allTextContents()).toEqual(['low', 'high']);
    expect(await page.locator('svg#axis-reasoningEffort text.axis-title').allTextContents()).toEqual(['reasoningEffort', 'accuracy']);
    expect(await page.locator('svg#difficulty text.axis-title').allTextContents()).toEqual(['task difficulty', 'accuracy']);
    expect(await page.locator('#exit-reasons tbody tr').count()).toBeGreaterThan(0);
    // the chart is drawn: coloured lines, points and bands, not just an empty frame
    const drawn = await colouredPixels(page, await curve.screenshot());
    expect(drawn).toBeGreaterThan(2000);
    // the same check on the frame alone (series hidden) finds next to nothing: the count measures the data
    await page.evaluate("document.querySelectorAll('svg#curve polyline, svg#curve polygon, svg#curve g.pt, svg#curve g.legend').forEach((e) => e.remove())");
    expect(await colouredPixels(page, await curve.screenshot())).toBeLessThan(drawn / 20);
    await page.close();
  });

  it('the episode browser filters, searches answers and messages, and links to an episode', async () => {
    const out = sweepOut;
    const runDir = join(out, 'html');
    const rows = await readRows(runDir);
    const url = pathToFileURL(join(runDir, 'report.html')).href;
    const page = await browser.newPage();
    await page.goto(url);
    const count = () => page.locator('#episodes tbody tr').count();
    // paged: 50 rows a page, all 52 reachable
    expect(rows.length).toBe(52);
    expect(await count()).toBe(50);
    expect(await page.locator('#page-prev').isDisabled()).toBe(true);
    await page.click('#page-next');
    expect(await count()).toBe(2);
    await expect(page.locator('#count').textContent()).resolves.toBe('51–52 of 52');
    expect(await page.locator('#page-next').isDisabled()).toBe(true);
    await page.click('#page-prev');
    expect(await page.locator('#episodes tbody tr').first().getAttribute('data-id')).toBe(rows[0]!.id);

    await page.selectOption('#f-setting', 'reasoningEffort=high');
    expect((await page.locator('#episodes tbody tr td:nth-child(2)').allTextContents()).every((t) => t === 'reasoningEffort=high')).toBe(true);
    expect(await count()).toBe(Math.min(50, rows.filter((r) => r.point === 'reasoningEffort=high').length));
    await page.selectOption('#f-setting', '');

    const difficulty = String(rows[0]!.difficulty);
    await page.selectOption('#f-difficulty', difficulty);
    expect(await count()).toBe(Math.min(50, rows.filter((r) => String(r.difficulty) === difficulty).length));
    await page.selectOption('#f-difficulty', '');

    for (const result of ['passed', 'failed', 'error'] as const) {
      await page.selectOption('#f-result', result);
      const want = rows.filter((r) => (r.status === 'error' ? 'error' : r.passed ? 'passed' : 'failed') === result).length;
      expect(await count(), result).toBe(Math.min(50, want));
      if (want === 0) await expect(page.locator('#count').textContent()).resolves.toMatch(/^no episode matches/);
    }
    await page.selectOption('#f-result', '');
    await page.selectOption('#f-exit', 'submitted');
    expect(await count()).toBe(Math.min(50, rows.filter((r) => r.exitReason === 'submitted').length));
    await page.selectOption('#f-exit', '');

    // search over answers: an answer only some episodes gave
    const answers = rows.map((r) => r.score.answer ?? '');
    const seen = (a: string) => answers.filter((b) => b.includes(a)).length;
    const rare = answers.filter((a) => a.length > 1).sort((a, b) => seen(a) - seen(b))[0]!;
    await page.fill('#f-search', rare);
    const want = rows.filter((r) => [r.score.answer ?? '', ...r.samples.map((s) => s.score.answer ?? '')].some((a) => a.toLowerCase().includes(rare.toLowerCase())) || r.taskId.toLowerCase().includes(rare.toLowerCase()));
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(rows.length);
    expect((await visibleTasks(page)).sort()).toEqual(want.map((r) => r.taskId).sort());

    // search over messages: a user prompt's words are in no answer, only in the trajectories
    const files = new Map(await Promise.all(rows.map(async (r) => [r.id, await readFile(join(runDir, r.trajectory!))] as const)));
    const traj = (r: Row) => TrajectorySchema.parse(JSON.parse(gunzipSync(files.get(r.id)!).toString()));
    const prompt = String(messagesOf(traj(rows[0]!).samples[0]!).find((m) => m.role === 'user')!.content);
    const withPrompt = rows.filter((r) => traj(r).samples.some((x) => messagesOf(x).some((m) => String(m.content ?? '').toLowerCase().includes(prompt.toLowerCase()))));
    expect(withPrompt.length).toBeGreaterThan(0);
    expect(withPrompt.length).toBeLessThan(rows.length);
    await page.fill('#f-search', prompt);
    expect(await count()).toBe(0);
    await page.check('#f-messages');
    await page.waitForFunction("document.getElementById('search-status').textContent.startsWith('messages searched')", undefined, { timeout: 10_000 });
    expect((await visibleTasks(page)).sort()).toEqual(withPrompt.map((r) => r.taskId).sort());
    await page.uncheck('#f-messages');
    await page.fill('#f-search', '');

    // opening an episode puts its id in the URL; the reference, the vote and each sample's answer and correctness show
    const target = rows[5]!;
    await page.locator(`#episodes tbody tr[data-id="${target.id}"]`).click();
    await page.waitForFunction(`location.hash === '#episode=${target.id}'`);
    const viewer = page.locator('#viewer');
    await expect(viewer.locator('h3').textContent()).resolves.toBe(`${target.taskId} (${target.point})`);
    await expect(viewer.locator('dt:text-is("reference answer") + dd').textContent()).resolves.toBe(String(target.score.details['reference']));
    await expect(viewer.locator('dt:text-is("answer (vote)") + dd').textContent()).resolves.toContain(target.score.answer!);
    const sampleRows = viewer.locator('table.samples tbody tr');
    expect(await sampleRows.count()).toBe(target.samples.length);
    for (let i = 0; i < target.samples.length; i++) {
      await expect(sampleRows.nth(i).locator('td').nth(2).textContent()).resolves.toBe(target.samples[i]!.score.passed ? '✓' : '✗');
      await expect(sampleRows.nth(i).locator('td').nth(1).textContent()).resolves.toBe(target.samples[i]!.score.answer ?? '(none)');
    }
    await viewer.locator('.msg.assistant').first().waitFor();
    await page.close();

    // a link opens that episode on load; an unknown id says so
    const linked = await browser.newPage();
    // an episode on the second page: the link opens it and turns to its page
    await linked.goto(`${url}#episode=${rows[51]!.id}`);
    await expect(linked.locator('#viewer h3').textContent()).resolves.toBe(`${rows[51]!.taskId} (${rows[51]!.point})`);
    await expect(linked.locator('#episodes tr.selected').getAttribute('data-id')).resolves.toBe(rows[51]!.id);
    await linked.goto(`${url}#episode=nope`);
    await linked.reload();
    await expect(linked.locator('#viewer').textContent()).resolves.toBe('No episode nope in this run.');
    await linked.close();
  });

  it('a code task shows the model patch as a diff and the per-test results', async () => {
    const out = await tempDir();
    const res = await crucible(['run', '--env', 'code-repo', '--model', 'sim', '--tasks', '1', '--out', out, '--run-id', 'code'], { timeout: 300_000 });
    expect(res.exitCode, res.stderr).toBe(0);
    const [row] = await readRows(join(out, 'code'));
    const tests = row!.score.details['tests'] as Record<string, string>;
    const page = await browser.newPage();
    await page.goto(`${pathToFileURL(join(out, 'code', 'report.html')).href}#episode=${row!.id}`);
    await expect(page.locator('#sim-notice').textContent()).resolves.toMatch(/SIMULATED/);
    const viewer = page.locator('#viewer');
    expect(await viewer.locator('table.tests tbody tr').count()).toBe(Object.keys(tests).length);
    const [first, verdict] = Object.entries(tests)[0]!;
    await expect(viewer.locator('table.tests tbody tr').first().textContent()).resolves.toBe(`${first}${verdict}`);
    expect(await viewer.locator('pre.diff span.add').count()).toBeGreaterThan(0);
    await expect(viewer.locator('pre.diff').textContent()).resolves.toContain((row!.score.details['model_patch'] as string).split('\n')[0]);
    await page.close();
  }, 120_000);

  it('a partial run opens with a visible PARTIAL RUN banner above the results', async () => {
    const out = await tempDir();
    const res = await crucible(['run', '--env', 'math', '--model', 'sim', '--tasks', '30', '--concurrency', '1', '--max-run-tokens', '1500', '--out', out, '--run-id', 'partial']);
    expect(res.exitCode, res.stderr).toBe(3);
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(out, 'partial', 'report.html')).href);
    const banner = page.locator('#partial-run');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.textContent()).toMatch(/^PARTIAL RUN \(stopped by the run budget: token budget of 1500 reached\): \d+ of 30 episodes scored/);
    // it comes before the results table
    const [bannerY, resultsY] = await Promise.all([banner.boundingBox(), page.locator('h2', { hasText: 'Results' }).boundingBox()]);
    expect(bannerY!.y).toBeLessThan(resultsY!.y);
    await page.close();
  });
});
