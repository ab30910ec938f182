import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDigestHtml } from '../../shared/digest/render-html.ts';
import {
  captureDigestScreenshots,
  launchChromium,
  SCREENSHOT_WIDTHS,
} from '../../tools/digest-screenshots.ts';
import { haTinhDigest } from './ha-tinh-digest.ts';

const MEGABYTE = 1024 * 1024;
/** Tests never write into the tree: their screenshots and PDF go here. */
const artifacts = mkdtempSync(join(tmpdir(), 'dtwatch-digest-browser-'));

describe('the HTML report in headless Chromium (Hà Tĩnh, 2026-W47)', () => {
  const started = performance.now();
  const { digest } = haTinhDigest();
  const built = performance.now();
  const html = renderDigestHtml(digest, {
    language: 'vi',
    generatedAt: '2026-11-23T01:00:00.000Z',
    webBaseUrl: 'https://dtwatch.example.com',
  });
  console.log(
    `digest report: digest built in ${(built - started).toFixed(0)} ms (sample data and evaluation included), HTML rendered in ${(performance.now() - built).toFixed(0)} ms`,
  );
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(artifacts, { recursive: true, force: true });
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
    // League tables show the top and bottom five of each level; the web app has the rest.
    expect(count('spark')).toBe(
      digest.league.reduce((sum, level) => sum + (level.rows.length > 11 ? 10 : level.rows.length), 0),
    );
    expect(count('distribution')).toBeGreaterThanOrEqual(3);
    expect(count('weekly')).toBe(digest.indicators.length);
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
    writeFileSync(join(artifacts, 'digest.png'), screenshot);
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
    writeFileSync(join(artifacts, 'digest.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    console.log(`digest report: ${pages} A4 page(s), ${(pdf.length / 1024).toFixed(0)} KiB PDF`);
    expect(pages).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('at 1280×900 the first screen shows the scorecard and "Cần chỉ đạo" without scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.setContent(html, { waitUntil: 'load' });
    const bottom = (selector: string) =>
      page.$eval(selector, (element) => {
        const box = element.getBoundingClientRect();
        return { top: box.top, bottom: box.bottom, height: box.height };
      });
    const scorecard = await bottom('section.scorecard');
    const decisions = await bottom('section.decisions');
    expect(await page.textContent('section.decisions h2')).toBe('Cần chỉ đạo');
    expect(digest.decisions.length).toBeGreaterThan(0);
    expect(await page.locator('section.decisions li').count()).toBe(digest.decisions.length);
    for (const box of [scorecard, decisions]) {
      expect(box.height).toBeGreaterThan(0);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.bottom).toBeLessThanOrEqual(900);
    }
    expect(await page.evaluate('window.scrollY')).toBe(0);
    await page.close();
  });

  it('at 390 px nothing is wider than the phone; status definitions and chart scales are there', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.setContent(html, { waitUntil: 'load' });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await page.locator('.definitions dt').count()).toBe(6);
    for (const kind of ['distribution', 'weekly']) {
      const scales = await page.$$eval(`svg.${kind}`, (svgs) =>
        svgs.map((svg) => ({
          ticks: svg.querySelectorAll('text.tick').length,
          titles: svg.querySelectorAll('text.axis-title').length,
        })),
      );
      for (const scale of scales) {
        expect(scale.ticks, kind).toBeGreaterThanOrEqual(4);
        expect(scale.titles, kind).toBe(2);
      }
    }
    await page.close();
  });

  it('league rows link to the web app, and the inverted rank axis is explained', () => {
    expect(html).toContain('href="https://dtwatch.example.com/units/42"');
    expect(html).toContain('xem đầy đủ từng đơn vị trong ứng dụng web');
    expect(html).toContain('Trục dọc đảo ngược');
  });

  it('the screenshot command writes one PNG per width (here into a temporary folder)', async () => {
    const files = await captureDigestScreenshots(browser, html, join(artifacts, 'shots'));
    expect(files.map((file) => file.split('/').at(-1))).toEqual(
      SCREENSHOT_WIDTHS.map((width) => `digest-${width}.png`),
    );
    for (const file of files) expect(readFileSync(file).subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
