import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDigestHtml } from '../../shared/digest/render-html.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { haTinhDigest } from './ha-tinh-digest.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MEGABYTE = 1024 * 1024;

describe('the HTML report in headless Chromium (Hà Tĩnh, 2026-W47)', () => {
  const started = performance.now();
  const { digest } = haTinhDigest();
  const built = performance.now();
  const html = renderDigestHtml(digest, { language: 'vi', generatedAt: '2026-11-23T01:00:00.000Z' });
  console.log(
    `digest report: digest built in ${(built - started).toFixed(0)} ms (sample data and evaluation included), HTML rendered in ${(performance.now() - built).toFixed(0)} ms`,
  );
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('fits in under 1 MB', () => {
    const bytes = Buffer.byteLength(html, 'utf8');
    console.log(`digest report: ${(bytes / 1024).toFixed(1)} KiB for ${digest.headline.totalSeries} series`);
    expect(bytes).toBeLessThan(MEGABYTE);
  });

  /** A page that records every request leaving it (and aborts it) and every console problem. */
  async function guardedPage(content: string) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1500 } });
    const requests: string[] = [];
    const problems: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('data:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const started = performance.now();
    await page.setContent(content, { waitUntil: 'load' });
    return { page, requests, problems, loadMs: performance.now() - started };
  }

  it('the guard itself notices a request leaving the page', async () => {
    const { page, requests } = await guardedPage('<!doctype html><img src="https://example.com/a.png">');
    expect(requests).toEqual(['https://example.com/a.png']);
    await page.close();
  });

  it('renders its charts visibly, without console errors or any request leaving the page', async () => {
    const { page, requests, problems, loadMs } = await guardedPage(html);
    console.log(`digest report: loaded and laid out in Chromium in ${loadMs.toFixed(0)} ms`);

    const boxes = await page.$$eval('svg', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        return {
          kind: svg.getAttribute('class'),
          width: box.width,
          height: box.height,
          children: svg.childElementCount,
        };
      }),
    );
    const count = (kind: string) => boxes.filter((box) => box.kind === kind).length;
    expect(count('trajectory')).toBe(digest.trajectories.length);
    expect(count('trajectory')).toBe(10);
    expect(count('spark')).toBe(digest.league.reduce((sum, level) => sum + level.rows.length, 0));
    expect(count('heatmap')).toBeGreaterThanOrEqual(digest.league.length);
    for (const box of boxes) {
      expect(box.width, `${box.kind} width`).toBeGreaterThan(0);
      expect(box.height, `${box.kind} height`).toBeGreaterThan(0);
      expect(box.children, `${box.kind} content`).toBeGreaterThan(0);
    }
    for (const selector of [
      'svg.trajectory',
      'svg.heatmap',
      'svg.spark',
      'svg.trajectory polyline.required',
    ]) {
      await expect(page.locator(selector).first().isVisible(), selector).resolves.toBe(true);
    }
    const markers = await page.$$eval(
      'svg.trajectory .milestone',
      (paths) => paths.filter((path) => path.getBoundingClientRect().width > 0).length,
    );
    expect(markers).toBeGreaterThanOrEqual(10);
    const cells = await page.$$eval('svg.heatmap rect', (rects) => rects.length);
    expect(cells).toBe(
      digest.heatmap.rows.reduce((sum, row) => sum + row.cells.filter((c) => c !== null).length, 0),
    );
    expect(await page.locator('script').count()).toBe(0);

    const screenshot = await page.screenshot({ type: 'png' });
    for (const target of [
      resolve(REPO_ROOT, 'tests', 'artifacts', 'digest.png'),
      resolve(REPO_ROOT, 'docs', 'digest-screenshot.png'),
    ]) {
      mkdirSync(resolve(target, '..'), { recursive: true });
      writeFileSync(target, screenshot);
    }
    expect(screenshot.length).toBeGreaterThan(10_000);

    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('prints to an A4 PDF without errors', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    mkdirSync(resolve(REPO_ROOT, 'tests', 'artifacts'), { recursive: true });
    writeFileSync(resolve(REPO_ROOT, 'tests', 'artifacts', 'digest.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    console.log(`digest report: ${pages} A4 page(s), ${(pdf.length / 1024).toFixed(0)} KiB PDF`);
    expect(pages).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
