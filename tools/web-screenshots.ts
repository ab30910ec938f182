/**
 * `npm run screenshots`: the web app's main pages on SAMPLE data, at 390 px (a phone) and
 * 1280 px, into docs/web-<page>-<width>.png. Serves the app on 127.0.0.1 for the run only and
 * drives /usr/bin/chromium (CHROMIUM_PATH overrides), as the browser tests do.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { chromium } from 'playwright-core';
import { alertIdOf } from '../shared/web/alert-id.ts';
import { REPO_ROOT } from '../tests/support/paths.ts';
import { WEB_PEOPLE, webWorld } from '../tests/web/support/web-world.ts';

const world = await webWorld({ secureCookies: false, snapshotMaxAgeMs: 3_600_000 });
const pages: Record<string, string> = {
  overview: '/',
  unit: '/units/18073',
  series: '/units/18073/work-records-online',
  alert: `/alerts/${alertIdOf(world.alertA)}`,
};
const server = await new Promise<ReturnType<typeof serve>>((done) => {
  const started = serve({ fetch: world.app.fetch, port: 0, hostname: '127.0.0.1' }, () => done(started));
});
const address = server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const out = join(REPO_ROOT, 'docs');
mkdirSync(out, { recursive: true });
try {
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 } });
    const page = await context.newPage();
    await page.goto(world.link(WEB_PEOPLE.office.email, base));
    await page.getByRole('button').click();
    await page.waitForURL(`${base}/`);
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(`${base}${path}`);
      const file = join(out, `web-${name}-${width}.png`);
      await page.screenshot({ path: file });
      process.stdout.write(`${file}\n`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
