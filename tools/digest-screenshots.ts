import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { renderDigestHtml } from '../shared/digest/render-html.ts';
import { haTinhDigest } from '../tests/digest/ha-tinh-digest.ts';

/** The widths the digest is looked at: a phone and a desktop. */
export const SCREENSHOT_WIDTHS = [390, 1280] as const;
const HEIGHT = 900;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * The digest's first screen at each width, as `digest-<width>.png` in `outDir`. The page is a
 * self-contained file, so nothing leaves it; the shot is what a reader sees before scrolling.
 */
export async function captureDigestScreenshots(
  browser: Browser,
  html: string,
  outDir: string,
): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const width of SCREENSHOT_WIDTHS) {
    const page = await browser.newPage({ viewport: { width, height: HEIGHT } });
    try {
      await page.setContent(html, { waitUntil: 'load' });
      const file = join(outDir, `digest-${width}.png`);
      writeFileSync(file, await page.screenshot({ type: 'png' }));
      written.push(file);
    } finally {
      await page.close();
    }
  }
  return written;
}

/** `npm run screenshots:digest`: the Hà Tĩnh sample digest of 2026-W47 into docs/. */
async function main(): Promise<void> {
  const { digest } = haTinhDigest();
  const html = renderDigestHtml(digest, {
    language: 'vi',
    generatedAt: '2026-11-23T01:00:00.000Z',
    webBaseUrl: 'https://dtwatch.example.com',
  });
  const browser = await launchChromium();
  try {
    const files = await captureDigestScreenshots(browser, html, resolve('docs'));
    for (const file of files) process.stdout.write(`${file}\n`);
  } finally {
    await browser.close();
  }
}

if (process.argv[1]?.endsWith('digest-screenshots.ts')) await main();
