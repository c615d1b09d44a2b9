import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crucible, tempDir } from './cli.js';

/** Debian's Chromium, headless, as root, with nothing reaching for the network. */
const CHROMIUM = process.env['CRUCIBLE_CHROMIUM'] ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser: Browser;
const dirs: string[] = [];
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('report.html in real Chromium', () => {
  it('shows the sim notice, results, the compute curve and a working trajectory viewer', async () => {
    const out = await tempDir();
    dirs.push(out);
    const res = await crucible(['sweep', '--env', 'math', '--model', 'sim', '--tasks', '6', '--grid', 'samples=1,2,4', '--grid', 'reasoningEffort=low,high', '--out', out, '--run-id', 'html']);
    expect(res.exitCode, res.stderr).toBe(0);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(join(out, 'html', 'report.html')).href);
    await expect(page.locator('#sim-notice').textContent()).resolves.toMatch(/SIMULATED/);
    expect(await page.locator('#partial-run').count()).toBe(0); // a complete run has no PARTIAL banner
    expect(await page.locator('h2', { hasText: 'Results' }).count()).toBe(1);
    expect(await page.locator('svg#curve polyline.curve').count()).toBe(2);
    const rows = page.locator('#episodes tbody tr');
    expect(await rows.count()).toBe(12);
    await rows.nth(2).click();
    const viewer = page.locator('#viewer');
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
