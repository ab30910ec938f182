import { beforeEach, describe, expect, it } from 'vitest';
import { alertIdOf } from '../../shared/web/alert-id.ts';
import { signToken } from '../../shared/web/signed-token.ts';
import { alertLink, SIGN_IN_LINK_MINUTES } from '../../shared/web/web-links.ts';
import { cookieOf, TEST_KEY, WEB_NOW, WEB_PEOPLE, type WebWorld, webWorld } from './support/web-world.ts';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe('the web app without a browser (app.request)', () => {
  let world: WebWorld;
  beforeEach(async () => {
    world = await webWorld();
  });

  const get = (path: string, cookie?: string) =>
    world.app.request(path, cookie ? { headers: { Cookie: cookie } } : {});
  const post = (path: string, form: Record<string, string>, cookie: string) =>
    world.app.request(path, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { ...FORM, Cookie: cookie },
    });

  describe('sign-in', () => {
    it('a page without a session answers the sign-in form (401), never the content', async () => {
      for (const path of ['/', '/units/18073', '/units/18073/work-records-online', '/alerts', '/health']) {
        const response = await get(path);
        expect(response.status, path).toBe(401);
        expect(await response.text()).toContain('action="/signin/request"');
      }
    });

    it('a sign-in link opens a session once: the link shows a button, the post signs in, a second post is refused', async () => {
      const link = new URL(world.link(WEB_PEOPLE.committee.email));
      const landing = await get(`${link.pathname}${link.search}`);
      expect(landing.status).toBe(200);
      expect(await landing.text()).toContain('action="/signin"');
      const token = link.searchParams.get('t') ?? '';
      const first = await world.app.request('/signin', {
        method: 'POST',
        body: new URLSearchParams({ t: token }),
        headers: FORM,
      });
      expect(first.status).toBe(303);
      const setCookie = first.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/dtw_session=/);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/Secure/);
      expect(setCookie).toMatch(/SameSite=Lax/);
      expect((await get('/', cookieOf(first))).status).toBe(200);
      const again = await world.app.request('/signin', {
        method: 'POST',
        body: new URLSearchParams({ t: token }),
        headers: FORM,
      });
      expect(again.status).toBe(400);
      expect(again.headers.get('set-cookie')).toBeNull();
    });

    it('an expired or forged sign-in link is refused', async () => {
      const token = new URL(world.link(WEB_PEOPLE.committee.email)).searchParams.get('t') ?? '';
      world.clock.set(new Date(Date.parse(WEB_NOW) + (SIGN_IN_LINK_MINUTES * 60 + 1) * 1000).toISOString());
      expect((await get(`/signin?t=${encodeURIComponent(token)}`)).status).toBe(400);
      const forged = signToken(new Uint8Array(32).fill(9), {
        kind: 'signin',
        programme: world.programme.id,
        email: WEB_PEOPLE.committee.email,
        exp: Date.parse(WEB_NOW) / 1000 + 3600,
        jti: 'x',
      });
      const response = await world.app.request('/signin', {
        method: 'POST',
        body: new URLSearchParams({ t: forged }),
        headers: FORM,
      });
      expect(response.status).toBe(400);
    });

    it('a session of an address that no longer holds a seat ends', async () => {
      const stranger = signToken(TEST_KEY, {
        kind: 'session',
        programme: world.programme.id,
        email: 'nobody@example.com',
        exp: Date.parse(WEB_NOW) / 1000 + 3600,
        jti: 'j',
      });
      expect((await get('/', `dtw_session=${stranger}`)).status).toBe(403);
    });
  });

  describe('scopes', () => {
    it('a commune head sees their commune and gets 403 on another commune and its series', async () => {
      const cookie = await world.signIn(WEB_PEOPLE.headA.email);
      expect((await get('/units/18073', cookie)).status).toBe(200);
      expect((await get('/units/18100', cookie)).status).toBe(403);
      expect((await get('/units/18100/work-records-online', cookie)).status).toBe(403);
      expect((await get('/units/42', cookie)).status).toBe(403);
      const alerts = await (await get('/alerts', cookie)).text();
      expect(alerts).toContain('/units/18073');
      expect(alerts).not.toContain('/units/18100"');
    });

    it('the committee and the office see the whole programme; only they see the digest archive', async () => {
      for (const person of [WEB_PEOPLE.committee, WEB_PEOPLE.office]) {
        const cookie = await world.signIn(person.email);
        expect((await get('/units/18100', cookie)).status).toBe(200);
        expect((await get('/units/42', cookie)).status).toBe(200);
        expect((await get('/digests', cookie)).status).toBe(200);
      }
      const head = await world.signIn(WEB_PEOPLE.headA.email);
      expect((await get('/digests', head)).status).toBe(403);
    });

    it("an indicator owner sees that indicator in every unit and nothing else of another unit's", async () => {
      const cookie = await world.signIn(WEB_PEOPLE.owner.email);
      expect((await get('/units/18100/staff-digital-skills', cookie)).status).toBe(200);
      expect((await get('/units/18100/work-records-online', cookie)).status).toBe(403);
      const unit = await (await get('/units/18100', cookie)).text();
      expect(unit).toContain('/units/18100/staff-digital-skills');
      expect(unit).not.toContain('/units/18100/work-records-online');
    });
  });

  describe('pages', () => {
    it('the overview shows the scorecard, the status counts, the league and the drill-downs', async () => {
      const cookie = await world.signIn(WEB_PEOPLE.committee.email);
      const response = await get('/', cookie);
      const html = await response.text();
      expect(html).toMatch(/\d+\/\d+ chỉ tiêu đạt/);
      expect(html).toContain('Bảng xếp hạng theo cấp');
      expect(html).toContain('Theo sở, ban, ngành');
      expect(html).toContain('Theo huyện cũ');
      expect(html).toContain('/units/436');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/style="/);
    });

    it('English on ?lang=en, kept in a cookie', async () => {
      const cookie = await world.signIn(WEB_PEOPLE.committee.email);
      const response = await get('/?lang=en', cookie);
      expect(await response.text()).toMatch(/\d+\/\d+ targets met/);
      const both = `${cookie}; ${cookieOf(response)}`;
      expect(await (await get('/health', both)).text()).toContain('Data health');
    });

    it('the unit page shows every series with its chart, status, progress class and verdicts', async () => {
      const cookie = await world.signIn(WEB_PEOPLE.headA.email);
      const html = await (await get('/units/18073', cookie)).text();
      const series = [...world.programme.series].filter((plan) => plan.unit === '18073');
      expect(series.length).toBeGreaterThan(0);
      expect((html.match(/<svg class="trajectory"/g) ?? []).length).toBe(series.length);
      expect(html).toContain('Mức tiến bộ');
      expect(html).toContain(`/alerts/${alertIdOf(world.alertA)}`);
    });

    it('the series page shows observations with their earlier values', async () => {
      const { store, programme } = world;
      await store.putObservations(
        programme.id,
        [{ unit: '18073', indicator: 'work-records-online', date: '2026-10-31', value: 12.5 }],
        '2026-11-22T09:00:00.000Z',
      );
      const cookie = await world.signIn(WEB_PEOPLE.headA.email);
      const html = await (await get('/units/18073/work-records-online', cookie)).text();
      expect(html).toContain('12,5');
      expect(html).toContain('class="revision"');
    });

    it('the series page shows what a message sent was based on: value, date, required value, catalog version; the recipient masked', async () => {
      await world.auditTrail.record([
        {
          kind: 'notification',
          programme: world.programme.id,
          at: '2026-11-20T03:00:00.000Z',
          unit: '18073',
          catalogVersion: 'v-3f2a',
          message: 'alert',
          channel: 'email',
          recipient: WEB_PEOPLE.headA.email,
          runKey: 'run-2026-11-20',
          messageId: 'm-1',
          messageHash: 'abc',
          textLength: 420,
          basis: [
            {
              unit: '18073',
              indicator: 'work-records-online',
              alert: 'behind',
              event: 'opened',
              status: 'behind',
              value: 61.5,
              date: '2026-10-31',
              required: 70.25,
            },
          ],
        },
      ]);
      const cookie = await world.signIn(WEB_PEOPLE.headA.email);
      const html = await (await get('/units/18073/work-records-online', cookie)).text();
      expect(html).toContain('số liệu 61,5 (ngày 31/10/2026), yêu cầu 70,25');
      expect(html).toContain('phiên bản danh mục v-3f2a');
      expect(html).toContain('w***@example.com');
      expect(html).not.toContain(WEB_PEOPLE.headA.email);
    });

    it('unknown units are 404', async () => {
      const cookie = await world.signIn(WEB_PEOPLE.committee.email);
      expect((await get('/units/nowhere', cookie)).status).toBe(404);
      expect((await get('/alerts/nowhere', cookie)).status).toBe(404);
    });
  });

  describe('acknowledgement', () => {
    const plan = (csrf: string) => ({
      csrf,
      plan: 'Bổ sung cán bộ và số hoá hồ sơ trong tháng 12',
      until: '2026-12-31',
      confidence: 'at_risk',
    });
    const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

    it('the head records a plan with a due date and confidence; the store keeps it with author and time', async () => {
      const cookie = await world.signIn(WEB_PEOPLE.headA.email);
      const id = alertIdOf(world.alertA);
      const page = await (await get(`/alerts/${id}`, cookie)).text();
      const response = await post(`/alerts/${id}/ack`, plan(csrfOf(page)), cookie);
      expect(response.status).toBe(303);
      const [ack] = await world.store.listAcknowledgements(world.programme.id);
      const [recorded] = await world.auditTrail.auditTimeline({
        programme: world.programme.id,
        unit: world.alertA.unit,
      });
      expect(recorded).toMatchObject({
        kind: 'acknowledgement',
        action: 'recorded',
        by: WEB_PEOPLE.headA.name,
        until: '2026-12-31',
      });
      expect(ack).toMatchObject({
        unit: world.alertA.unit,
        indicator: world.alertA.indicator,
        until: '2026-12-31',
        confidence: 'at_risk',
        by: WEB_PEOPLE.headA.name,
        createdAt: WEB_NOW,
      });
      const after = await (await get(`/alerts/${id}?done=1`, cookie)).text();
      expect(after).toContain('Nhắc nhở tạm dừng đến hết ngày 31/12/2026');
      const checkIn = await post(
        `/alerts/${id}/check-in`,
        { csrf: csrfOf(after), note: 'Đã tuyển 2 cán bộ', confidence: 'on_track' },
        cookie,
      );
      expect(checkIn.status).toBe(303);
      const [withCheckIn] = await world.store.listAcknowledgements(world.programme.id);
      expect(withCheckIn?.checkIns).toEqual([
        { at: WEB_NOW, by: WEB_PEOPLE.headA.name, note: 'Đã tuyển 2 cán bộ', confidence: 'on_track' },
      ]);
    });

    it('a post without the session form token is refused (CSRF)', async () => {
      const cookie = await world.signIn(WEB_PEOPLE.headA.email);
      const response = await post(`/alerts/${alertIdOf(world.alertA)}/ack`, plan('forged'), cookie);
      expect(response.status).toBe(403);
      expect(await world.store.listAcknowledgements(world.programme.id)).toEqual([]);
    });

    it('a past due date is refused with the field named; nothing is stored', async () => {
      const cookie = await world.signIn(WEB_PEOPLE.headA.email);
      const id = alertIdOf(world.alertA);
      const page = await (await get(`/alerts/${id}`, cookie)).text();
      const response = await post(
        `/alerts/${id}/ack`,
        { ...plan(csrfOf(page)), until: '2026-01-01' },
        cookie,
      );
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('Hạn hoàn thành');
      expect(await world.store.listAcknowledgements(world.programme.id)).toEqual([]);
    });

    it('the committee sees the alert but has no form and may not post one; the office records on behalf of the head', async () => {
      const id = alertIdOf(world.alertA);
      const committee = await world.signIn(WEB_PEOPLE.committee.email);
      const page = await (await get(`/alerts/${id}`, committee)).text();
      expect(page).not.toContain('name="csrf"');
      const office = await world.signIn(WEB_PEOPLE.office.email);
      const officePage = await (await get(`/alerts/${id}`, office)).text();
      expect(officePage).toContain('name="onBehalfOf"');
      const response = await post(
        `/alerts/${id}/ack`,
        { ...plan(csrfOf(officePage)), onBehalfOf: WEB_PEOPLE.headA.name },
        office,
      );
      expect(response.status).toBe(303);
      const [ack] = await world.store.listAcknowledgements(world.programme.id);
      expect(ack).toMatchObject({ by: WEB_PEOPLE.office.name, onBehalfOf: WEB_PEOPLE.headA.name });
    });
  });

  describe('alert links', () => {
    it('open that alert only, for 30 days, and the head can acknowledge from it', async () => {
      const link = new URL(
        alertLink(
          { key: TEST_KEY, base: 'https://dtwatch.example.com', now: new Date(WEB_NOW) },
          world.alertA,
          WEB_PEOPLE.headA.email,
        ),
      );
      world.clock.set('2026-12-20T05:00:00.000Z');
      const opened = await get(`${link.pathname}${link.search}`);
      expect(opened.status).toBe(303);
      expect(opened.headers.get('location')).toBe(link.pathname);
      const cookie = cookieOf(opened);
      const page = await get(link.pathname, cookie);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('name="csrf"');
      expect(html).not.toContain('href="/units/');
      expect((await get('/', cookie)).status).toBe(403);
      expect((await get('/units/18073', cookie)).status).toBe(403);
      const other = `/alerts/${alertIdOf({ ...world.alertA, kind: 'stale' })}`;
      expect((await get(other, cookie)).status).toBe(403);
      world.clock.set('2026-12-24T05:00:00.000Z');
      expect((await get(`${link.pathname}${link.search}`)).status).toBe(400);
    });
  });
});
