import { beforeEach, describe, expect, it } from 'vitest';
import type { NotificationEvent } from '../../shared/domain/audit-event.ts';
import { TIMELINE_COLUMNS, timelineCsv, timelineRows } from '../../shared/records/timeline-rows.ts';
import { WEB_PEOPLE, type WebWorld, webWorld } from './support/web-world.ts';

/** "Tải CSV" on the unit and series pages: the audit trail as `dtwatch history --format csv`. */
const UNIT = WEB_PEOPLE.headA.unit;
const OWNED = WEB_PEOPLE.owner.indicator;
const OTHER = 'work-records-online';

const message: NotificationEvent = {
  kind: 'notification',
  programme: 'ha-tinh-nq05',
  at: '2026-11-20T03:00:00.000Z',
  unit: UNIT,
  catalogVersion: 'abcdef012345',
  message: 'alert',
  channel: 'email',
  recipient: WEB_PEOPLE.headA.email,
  recipientName: WEB_PEOPLE.headA.name,
  runKey: '2026-11-20',
  messageId: 'm-1',
  messageHash: 'f'.repeat(64),
  textLength: 900,
  basis: [
    {
      unit: UNIT,
      indicator: OTHER,
      alert: 'behind',
      event: 'opened',
      status: 'behind',
      value: 41,
      date: '2026-10-31',
      required: 60,
    },
    {
      unit: UNIT,
      indicator: OWNED,
      alert: 'behind',
      event: 'opened',
      status: 'behind',
      value: 12,
      date: '2026-10-31',
      required: 30,
    },
  ],
};

describe('the timeline as CSV on the web', () => {
  let world: WebWorld;
  beforeEach(async () => {
    world = await webWorld();
    await world.auditTrail.record([
      message,
      {
        kind: 'mute',
        programme: 'ha-tinh-nq05',
        at: '2026-11-21T03:00:00.000Z',
        unit: UNIT,
        indicator: OTHER,
        action: 'set',
        by: 'Văn phòng (thử)',
        until: '2026-12-31',
        reason: 'đang sửa nguồn (m-abc123)',
      },
    ]);
  });
  const get = async (path: string, email: string) =>
    world.app.request(path, { headers: { Cookie: await world.signIn(email) } });

  it('the unit page links to it, and it is text/csv with the columns and the formatter of dtwatch history, recipients masked', async () => {
    const page = await (await get(`/units/${UNIT}`, WEB_PEOPLE.committee.email)).text();
    expect(page).toContain(`href="/units/${UNIT}/timeline.csv"`);
    expect(page).toContain('Tải CSV');
    const response = await get(`/units/${UNIT}/timeline.csv`, WEB_PEOPLE.committee.email);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    // The bytes, byte-order mark included (text() would drop it).
    const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
    const events = await world.auditTrail.auditTimeline({ programme: 'ha-tinh-nq05', unit: UNIT });
    expect(text).toBe(timelineCsv(timelineRows(events)));
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${TIMELINE_COLUMNS.join(',')}`);
    expect(text).not.toContain(WEB_PEOPLE.headA.email);
    expect(text).toContain('w***@example.com');
    expect(text).toContain('abcdef012345');
  });

  it('the series page has its own, with that series only', async () => {
    const page = await (await get(`/units/${UNIT}/${OTHER}`, WEB_PEOPLE.committee.email)).text();
    expect(page).toContain(`href="/units/${UNIT}/${OTHER}/timeline.csv"`);
    const text = await (await get(`/units/${UNIT}/${OTHER}/timeline.csv`, WEB_PEOPLE.committee.email)).text();
    const rows = text.trim().split('\r\n').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.includes(OTHER) && !row.includes(OWNED))).toBe(true);
  });

  it('is scope-checked: another commune is 403, an indicator owner gets only their indicator', async () => {
    expect((await get(`/units/${UNIT}/timeline.csv`, WEB_PEOPLE.headB.email)).status).toBe(403);
    expect((await get(`/units/${UNIT}/${OTHER}/timeline.csv`, WEB_PEOPLE.headB.email)).status).toBe(403);
    expect((await get(`/units/${UNIT}/${OTHER}/timeline.csv`, WEB_PEOPLE.owner.email)).status).toBe(403);
    const owned = await get(`/units/${UNIT}/timeline.csv`, WEB_PEOPLE.owner.email);
    expect(owned.status).toBe(200);
    const rows = (await owned.text()).trim().split('\r\n').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(OWNED);
    expect((await world.app.request(`/units/${UNIT}/timeline.csv`)).status).toBe(401);
  });
});
