import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAndNotify } from '../../shared/use-cases/evaluate-and-notify.ts';
import { alertIdOf } from '../../shared/web/alert-id.ts';
import { RecordingNotifier } from '../alerts/support/recording-notifier.ts';
import { WEB_PEOPLE, type WebWorld, webWorld } from './support/web-world.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Serves a world's app on 127.0.0.1 (plain http, so cookies are not Secure, as `dtwatch serve`). */
async function served(world: WebWorld): Promise<{ base: string; server: ServerType }> {
  return new Promise((done) => {
    const server = serve({ fetch: world.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      done({ base: `http://127.0.0.1:${info.port}`, server }),
    );
  });
}

describe('the web app in headless Chromium', () => {
  let browser: Browser;
  let world: WebWorld;
  let base: string;
  let server: ServerType;
  const shots = mkdtempSync(join(tmpdir(), 'dtwatch-web-shots-'));

  beforeAll(async () => {
    world = await webWorld({ secureCookies: false, snapshotMaxAgeMs: 3_600_000 });
    ({ base, server } = await served(world));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => server?.close(done));
    rmSync(shots, { recursive: true, force: true });
  });

  /** A page that fails the test on any request leaving the app or any console error. */
  async function guardedPage(width = 390) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith('data:')) return route.continue();
      problems.push(`request left the app: ${url}`);
      return route.abort();
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    return { page, problems, close: () => context.close() };
  }

  async function signIn(page: Page, email: string) {
    await page.goto(world.link(email, base));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${base}/`);
  }

  async function expectAccessible(page: Page, label: string) {
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${label}: ${v.id} (${v.nodes.length})`)).toEqual([]);
  }

  it.each([390, 1280])(
    'follows a sign-in link to the overview, a unit and a series; every page passes axe at %i px',
    async (width) => {
      {
        const { page, problems, close } = await guardedPage(width);
        await signIn(page, WEB_PEOPLE.committee.email);
        expect(await page.textContent('main')).toMatch(/\d+\/\d+ chỉ tiêu đạt/);
        const pages = [
          '/',
          '/units/18073',
          '/units/18073/work-records-online',
          '/alerts',
          `/alerts/${alertIdOf(world.alertA)}`,
          '/health',
          '/digests',
          '/?lang=en',
        ];
        for (const path of pages) {
          const response = await page.goto(`${base}${path}`);
          expect(response?.status(), path).toBe(200);
          await expectAccessible(page, `${path} @${width}`);
          await page.screenshot({
            path: join(shots, `${path.replace(/\W+/g, '_')}-${width}.png`),
            fullPage: false,
          });
        }
        // The unit page draws one chart per series, visibly.
        await page.goto(`${base}/units/18073`);
        const charts = await page.$$eval('svg.trajectory', (svgs) =>
          svgs.map((svg) => svg.getBoundingClientRect().width),
        );
        expect(charts.length).toBeGreaterThan(0);
        expect(Math.min(...charts)).toBeGreaterThan(100);
        expect(problems).toEqual([]);
        await close();
      }
    },
    180_000,
  );

  it('a commune head gets 403 on another commune', async () => {
    const { page, close } = await guardedPage();
    await signIn(page, WEB_PEOPLE.headA.email);
    expect((await page.goto(`${base}/units/18073`))?.status()).toBe(200);
    const other = await page.goto(`${base}/units/18100`);
    expect(other?.status()).toBe(403);
    await expectAccessible(page, '403');
    await close();
  });

  it('the office adds and removes a mute with the form (no script); a commune head gets 403 there', async () => {
    const { page, problems, close } = await guardedPage();
    await signIn(page, WEB_PEOPLE.office.email);
    await page.goto(`${base}/mutes`);
    await expectAccessible(page, '/mutes');
    await page.getByLabel('Mẫu mã đơn vị').fill('18073');
    await page.getByLabel('Lý do').fill('Nguồn số liệu của phường đang được sửa');
    await page.getByLabel('Hoặc số ngày').fill('14');
    await page.getByRole('button', { name: 'Tạm dừng', exact: true }).click();
    const [mute] = await world.mutes.listMutes(world.programme.id);
    expect(mute).toMatchObject({ unit: '18073', until: '2026-12-07', author: WEB_PEOPLE.office.name });
    expect(await page.textContent('main')).toContain(`Đã tạm dừng (mã ${mute?.id})`);
    await expectAccessible(page, '/mutes after adding');
    await page.getByRole('button', { name: `Bỏ tạm dừng ${mute?.id}` }).click();
    expect(await page.textContent('main')).toContain(`Đã bỏ tạm dừng ${mute?.id}`);
    expect((await world.mutes.listMutes(world.programme.id))[0]?.removed?.by).toBe(WEB_PEOPLE.office.name);
    await page.goto(`${base}/directory`);
    await expectAccessible(page, '/directory');
    expect(problems).toEqual([]);
    await close();

    const head = await guardedPage();
    await signIn(head.page, WEB_PEOPLE.headA.email);
    for (const path of ['/mutes', '/directory']) {
      expect((await head.page.goto(`${base}${path}`))?.status(), path).toBe(403);
    }
    await head.close();
  }, 180_000);

  it('refuses a reused and an expired sign-in link', async () => {
    const { page, close } = await guardedPage();
    const link = world.link(WEB_PEOPLE.committee.email, base);
    await page.goto(link);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${base}/`);
    await page.context().clearCookies();
    await page.goto(link);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    expect(await page.textContent('main')).toContain('đã được dùng');
    expect(page.url()).toBe(`${base}/signin`);
    const expired = world.link(WEB_PEOPLE.committee.email, base);
    world.clock.set('2026-11-23T06:00:00.000Z');
    const response = await page.goto(expired);
    expect(response?.status()).toBe(400);
    world.clock.set('2026-11-23T05:00:00.000Z');
    await close();
  });

  it('the head acknowledges an alert with a plan; the next run sends no reminder for it', async () => {
    const { page, problems, close } = await guardedPage();
    await signIn(page, WEB_PEOPLE.headA.email);
    await page.goto(`${base}/alerts/${alertIdOf(world.alertA)}`);
    await page
      .getByRole('textbox', { name: 'Kế hoạch khắc phục' })
      .fill('Bổ sung cán bộ đầu mối, số hoá hồ sơ trong tháng 12');
    await page.getByLabel('Hạn hoàn thành').fill('2026-12-31');
    await page.getByLabel('Có nguy cơ').check();
    await page.getByRole('button', { name: 'Gửi xác nhận' }).click();
    expect(await page.textContent('main')).toContain('Nhắc nhở tạm dừng đến hết ngày 31/12/2026');
    await expectAccessible(page, 'after acknowledgement');
    expect(problems).toEqual([]);
    await close();

    // Eight days on, every other open alert is due a reminder; this one is paused by the plan.
    const run = async (target: WebWorld) => {
      const notifier = new RecordingNotifier();
      const clock = { now: () => new Date('2026-11-28T05:00:00.000Z') };
      const counts = await evaluateAndNotify(target.programme, 'run-2026-11-28', {
        store: target.store,
        notifier,
        clock,
        directory: target.directory,
      });
      return counts;
    };
    const withAck = await run(world);
    const without = await run(await webWorld());
    expect(withAck.suppressedByAck).toBe(without.suppressedByAck + 1);
    expect(withAck.reminded).toBe(without.reminded - 1);
  });
});
