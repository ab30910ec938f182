import { beforeEach, describe, expect, it } from 'vitest';
import { csrfToken, readSession } from '../../shared/web/session.ts';
import { TEST_KEY, WEB_PEOPLE, type WebWorld, webWorld } from './support/web-world.ts';

/** The office's mutes and directory pages: who may, what they change, what a bad form does. */
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const PROGRAMME = 'ha-tinh-nq05';

describe('the office pages (mutes, directory)', () => {
  let world: WebWorld;
  beforeEach(async () => {
    world = await webWorld();
  });

  /** A signed-in person's cookie and the CSRF token of their session. */
  const as = async (email: string) => {
    const cookie = await world.signIn(email);
    const token = /dtw_session=([^;]+)/.exec(cookie)?.[1] ?? '';
    const session = readSession(
      { req: { raw: new Request('http://x', { headers: { Cookie: `dtw_session=${token}` } }) } } as never,
      TEST_KEY,
      world.clock.now(),
    );
    return { cookie, csrf: session ? csrfToken(TEST_KEY, session) : '' };
  };
  const get = (path: string, cookie: string) => world.app.request(path, { headers: { Cookie: cookie } });
  const post = (path: string, form: Record<string, string>, cookie: string) =>
    world.app.request(path, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { ...FORM, Cookie: cookie },
    });

  it('only the office changes anything: a commune head gets 403 on every page and post, the committee reads without forms', async () => {
    const head = await as(WEB_PEOPLE.headA.email);
    for (const path of ['/mutes', '/directory'])
      expect((await get(path, head.cookie)).status, path).toBe(403);
    const form = { csrf: head.csrf, unit: '18073', reason: 'x', for: '3' };
    expect((await post('/mutes', form, head.cookie)).status).toBe(403);
    expect((await post('/mutes/m-abc/remove', { csrf: head.csrf }, head.cookie)).status).toBe(403);
    expect(
      (
        await post(
          '/directory',
          { csrf: head.csrf, role: 'head', unit: '18073', name: 'X', email: 'x@example.com' },
          head.cookie,
        )
      ).status,
    ).toBe(403);
    expect(
      (await post('/directory/deactivate', { csrf: head.csrf, seat: 'head|18100|' }, head.cookie)).status,
    ).toBe(403);

    const committee = await as(WEB_PEOPLE.committee.email);
    const mutes = await get('/mutes', committee.cookie);
    expect(mutes.status).toBe(200);
    expect(await mutes.text()).not.toContain('action="/mutes"');
    const directory = await (await get('/directory', committee.cookie)).text();
    expect(directory).not.toContain('action="/directory"');
    // Addresses are masked except to the office.
    expect(directory).not.toContain(WEB_PEOPLE.headA.email);
    expect(directory).toContain('w***@example.com');
    expect((await post('/mutes', { ...form, csrf: committee.csrf }, committee.cookie)).status).toBe(403);
    expect(await world.mutes.listMutes(PROGRAMME)).toEqual([]);
  });

  it('the office adds a mute (the use-case of dtwatch mute: id, audit by the signed-in person) and removes it', async () => {
    const office = await as(WEB_PEOPLE.office.email);
    const added = await post(
      '/mutes',
      {
        csrf: office.csrf,
        unit: '18073',
        indicator: '',
        level: '',
        reason: 'Nguồn số liệu đang sửa',
        until: '',
        for: '14',
      },
      office.cookie,
    );
    expect(added.status).toBe(303);
    const [mute] = await world.mutes.listMutes(PROGRAMME);
    expect(mute).toMatchObject({
      unit: '18073',
      indicator: '*',
      level: '*',
      until: '2026-12-07',
      author: WEB_PEOPLE.office.name,
    });
    expect(mute?.id).toMatch(/^m-[0-9a-f]{6}$/);
    const page = await (await get(added.headers.get('location') ?? '', office.cookie)).text();
    expect(page).toContain(`Đã tạm dừng (mã ${mute?.id})`);
    const trail = await world.auditTrail.auditTimeline({ programme: PROGRAMME, unit: '18073' });
    expect(trail).toContainEqual(
      expect.objectContaining({ kind: 'mute', action: 'set', by: WEB_PEOPLE.office.name }),
    );

    const removed = await post(`/mutes/${mute?.id}/remove`, { csrf: office.csrf }, office.cookie);
    expect(removed.status).toBe(303);
    expect((await world.mutes.listMutes(PROGRAMME))[0]?.removed?.by).toBe(WEB_PEOPLE.office.name);
    const after = await world.auditTrail.auditTimeline({ programme: PROGRAMME, unit: '18073' });
    expect(after).toContainEqual(expect.objectContaining({ kind: 'mute', action: 'lifted' }));
    expect((await post(`/mutes/${mute?.id}/remove`, { csrf: office.csrf }, office.cookie)).status).toBe(400);
  });

  it('a bad mute form names the field in Vietnamese, keeps what was typed and writes nothing', async () => {
    const office = await as(WEB_PEOPLE.office.email);
    const refused = await post(
      '/mutes',
      { csrf: office.csrf, unit: 'khong-co*', reason: 'Thử', until: '2020-01-01' },
      office.cookie,
    );
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('Mẫu mã đơn vị: không khớp với mục nào trong danh mục');
    expect(html).toContain('Đến hết ngày: ngày này đã qua');
    expect(html).toContain('value="khong-co*"');
    expect(html).toContain('aria-invalid="true"');
    expect(await world.mutes.listMutes(PROGRAMME)).toEqual([]);
    // Without the form token: 403, nothing written.
    expect((await post('/mutes', { unit: '18073', reason: 'x', for: '3' }, office.cookie)).status).toBe(403);
    expect(await world.mutes.listMutes(PROGRAMME)).toEqual([]);
  });

  it('the office puts a new head in a seat (handover recorded, audit by the signed-in person) and deactivates a seat', async () => {
    const office = await as(WEB_PEOPLE.office.email);
    const listed = await (await get('/directory', office.cookie)).text();
    expect(listed).toContain(WEB_PEOPLE.headA.email);
    const edit = await (
      await get(`/directory?edit=${encodeURIComponent('head|18073|')}`, office.cookie)
    ).text();
    expect(edit).toContain(`value="${WEB_PEOPLE.headA.email}"`);

    const saved = await post(
      '/directory',
      {
        csrf: office.csrf,
        role: 'head',
        unit: '18073',
        indicator: '',
        name: 'Chủ tịch mới (thử)',
        email: 'web-head-new@example.com',
        phone: '',
        validFrom: '',
      },
      office.cookie,
    );
    expect(saved.status).toBe(303);
    const tenures = await world.directory.listTenures(PROGRAMME);
    const seat = tenures.filter((tenure) => tenure.seat === 'head|18073|');
    expect(seat.map((tenure) => [tenure.name, tenure.validTo ?? ''])).toEqual(
      expect.arrayContaining([
        [WEB_PEOPLE.headA.name, '2026-11-22'],
        ['Chủ tịch mới (thử)', ''],
      ]),
    );
    const trail = await world.auditTrail.auditTimeline({ programme: PROGRAMME, unit: '18073' });
    expect(
      trail
        .filter((event) => event.kind === 'directory')
        .map((event) => event.kind === 'directory' && [event.action, event.by]),
    ).toEqual(
      expect.arrayContaining([
        ['opened', WEB_PEOPLE.office.name],
        ['closed', WEB_PEOPLE.office.name],
      ]),
    );
    expect(await (await get('/directory', office.cookie)).text()).toContain('web-head-new@example.com');

    const gone = await post(
      '/directory/deactivate',
      { csrf: office.csrf, seat: 'head|18100|' },
      office.cookie,
    );
    expect(gone.status).toBe(303);
    const b = (await world.directory.listTenures(PROGRAMME)).find((tenure) => tenure.seat === 'head|18100|');
    expect(b?.validTo).toBe('2026-11-22');
    expect(
      (await post('/directory/deactivate', { csrf: office.csrf, seat: 'head|18100|' }, office.cookie)).status,
    ).toBe(400);
  });

  it('a bad person form names the fields in Vietnamese and writes nothing', async () => {
    const office = await as(WEB_PEOPLE.office.email);
    const before = await world.directory.listTenures(PROGRAMME);
    const refused = await post(
      '/directory',
      { csrf: office.csrf, role: 'head', unit: '99999', name: 'Ai đó', email: 'không-phải-email', phone: '' },
      office.cookie,
    );
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('E-mail: cần e-mail hợp lệ');
    expect(html).toContain('value="không-phải-email"');
    const unknownUnit = await post(
      '/directory',
      { csrf: office.csrf, role: 'head', unit: '99999', name: 'Ai đó', email: 'ai-do@example.com' },
      office.cookie,
    );
    expect(unknownUnit.status).toBe(400);
    expect(await unknownUnit.text()).toContain('Đơn vị: cần mã một đơn vị có trong danh mục');
    expect(await world.directory.listTenures(PROGRAMME)).toEqual(before);
  });
});
