import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { advanceAlerts } from '../../shared/alerts/alert-lifecycle.ts';
import { pendingNotices } from '../../shared/alerts/alert-notice.ts';
import { routeToOwners } from '../../shared/alerts/owner-routing.ts';
import { contactOf } from '../../shared/alerts/recipients.ts';
import { catalogSchema } from '../../shared/catalog/catalog-schema.ts';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import { withDirectoryContacts } from '../../shared/directory/directory-contacts.ts';
import { emailBytes, MAX_EMAIL_BYTES, renderEmail } from '../../shared/messages/email-message.ts';
import type { MessageContext, MessageItem, MessageRecipient } from '../../shared/messages/message-item.ts';
import { NO_LINKS, plainLinks } from '../../shared/messages/message-links.ts';
import { rollUp } from '../../shared/messages/roll-up.ts';
import { renderSms } from '../../shared/messages/sms-message.ts';
import { measureSms } from '../../shared/messages/sms-segments.ts';
import { HO_SO_INDICATOR, result, testCatalog } from './support/fixture.ts';

const context: MessageContext = {
  language: 'vi',
  programmeId: 'thu-nghiem',
  programmeName: 'Chương trình thử nghiệm',
  programmeShortName: 'NQ 01-NQ/TU',
  today: '2025-04-07',
  respondBy: '2025-04-14',
  emailItemLimit: 10,
  links: NO_LINKS,
};
const chairman: MessageRecipient = {
  name: 'Chủ tịch',
  place: 'Tỉnh Thử',
  unit: 'tinh',
  address: 'ct@example.com',
};

function item(unitId: string, ancestors: string[], overrides: Partial<MessageItem> = {}): MessageItem {
  const { unit: _u, indicator: _i, ...snapshot } = result(unitId, 'behind');
  const branchId = ancestors.length >= 2 ? (ancestors[ancestors.length - 2] ?? unitId) : unitId;
  return {
    event: 'escalated',
    kind: 'behind',
    audience: 'escalation',
    level: ancestors.length,
    unitId,
    unitName: `Đơn vị ${unitId}`,
    ancestors,
    branch: { id: branchId, name: `Đơn vị ${branchId}` },
    indicatorId: 'ho-so',
    indicatorName: 'Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng',
    indicatorShortName: 'Hồ sơ trên mạng',
    measure: '%',
    snapshot,
    openedOn: '2025-02-01',
    raisedOn: '2025-04-07',
    informed: [],
    ...overrides,
  };
}

describe('roll-up summaries', () => {
  it('counts by status, event and unit below, and names only the worst few', () => {
    const items = [
      ...Array.from({ length: 30 }, (_, i) => item(`xa-${i}`, [`huyen-${i % 3}`, 'tinh'])),
      ...Array.from({ length: 5 }, (_, i) => item(`so-${i}`, ['tinh'], { kind: 'stale', event: 'opened' })),
      item('so-9', ['tinh'], { event: 'resolved' }),
    ];
    const summary = rollUp(items, 5);
    expect(summary).toMatchObject({ alerts: 36, units: 36, heldBack: 0 });
    expect(summary.byKind).toEqual([
      { key: 'behind', alerts: 30 },
      { key: 'stale', alerts: 5 },
    ]);
    expect(summary.events).toEqual({ escalated: 30, opened: 5, reminder: 0, resolved: 1 });
    expect(summary.byBranch[0]).toEqual({ key: { id: 'huyen-0', name: 'Đơn vị huyen-0' }, alerts: 10 });
    expect(summary.worst).toHaveLength(5);
  });

  it('holds back a child escalation when its parent’s alert on the same indicator is in the roll-up', () => {
    const items = [
      item('huyen-1', ['tinh']),
      ...['xa-1', 'xa-2', 'xa-3'].map((id) => item(id, ['huyen-1', 'tinh'])),
      item('xa-9', ['huyen-2', 'tinh']),
      item('xa-4', ['huyen-1', 'tinh'], { indicatorId: 'khac' }),
    ];
    const summary = rollUp(items, 10);
    expect(summary.heldBack).toBe(3);
    expect(summary.worst.map(({ item, children }) => [item.unitId, item.indicatorId, children])).toEqual([
      ['huyen-1', 'ho-so', 3],
      ['xa-9', 'ho-so', 0],
      ['xa-4', 'khac', 0],
    ]);
    const { body } = renderEmail(context, chairman, items);
    expect(body).toContain('(mở 65 ngày, cùng 3 đơn vị trực thuộc)');
    expect(body).not.toContain('Đơn vị xa-1 –');
  });

  it('gives the chairman counts, the worst five and the unit page instead of every commune', () => {
    const items = Array.from({ length: 400 }, (_, i) => item(`xa-${i}`, [`huyen-${i % 12}`, 'tinh']));
    const linked = { ...context, links: plainLinks('https://dtwatch.example.gov.vn') };
    const email = renderEmail(linked, chairman, items);
    expect(email.subject).toBe('[Tỉnh Thử] 400 cảnh báo ở 400 đơn vị cấp dưới – NQ 01-NQ/TU');
    expect(email.body).toContain('TỔNG HỢP ĐƠN VỊ CẤP DƯỚI: 400 cảnh báo ở 400 đơn vị');
    expect(email.body).toContain('Theo đơn vị trực thuộc: Đơn vị huyen-0 34,');
    expect(email.body).toContain('7 đơn vị khác.');
    expect(email.body).toContain('   5. Đơn vị ');
    expect(email.body).not.toContain('   6. Đơn vị ');
    expect(email.body).toContain('Xem đầy đủ tại: https://dtwatch.example.gov.vn/units/tinh');
    expect(emailBytes(email)).toBeLessThan(4000);
  });
});

describe('e-mail size bound', () => {
  it('stays under 20 KB whatever the item limit, the names and the number of items', () => {
    const long = 'Tỷ lệ doanh nghiệp trong các khu kinh tế, khu công nghiệp ứng dụng công nghệ số '.repeat(4);
    const own = Array.from({ length: 120 }, (_, i) =>
      item('so-a', ['tinh'], { audience: 'responsible', indicatorId: `i${i}`, indicatorName: long }),
    );
    const below = Array.from({ length: 900 }, (_, i) =>
      item(`xa-${i}`, [`huyen-${i % 40}`, 'tinh'], { unitName: `Xã ${long}`, indicatorName: long }),
    );
    const owned = below.map((entry) => ({ ...entry, audience: 'owner' as const }));
    const email = renderEmail({ ...context, emailItemLimit: 100 }, chairman, [...own, ...below, ...owned]);
    expect(emailBytes(email)).toBeLessThanOrEqual(MAX_EMAIL_BYTES - 1024);
    expect(email.body).toContain('TỔNG HỢP ĐƠN VỊ CẤP DƯỚI: 900 cảnh báo');
    expect(email.body).toContain('TỔNG HỢP CHỈ TIÊU ĐƠN VỊ PHỤ TRÁCH: 900 cảnh báo');
    expect(email.body).toMatch(/Còn \d+ cảnh báo khác: \d+ chậm tiến độ\./);
  });
});

describe('indicator owners', () => {
  const catalog = testCatalog();
  const owned = buildProgramme(
    catalogSchema.parse({ ...catalog, indicators: [{ ...HO_SO_INDICATOR, owner: 'so-b' }] }),
  );

  it('hear each alert the unit hears, once per event and channel, and a retry adds nothing', () => {
    const now = new Date('2025-03-03T01:00:00Z');
    const lifecycle = advanceAlerts({
      programme: owned,
      previous: [],
      results: [result('so-a', 'behind'), result('tinh', 'stale')],
      acknowledgements: [],
      now,
    });
    const routed = routeToOwners(owned, [], lifecycle.states);
    const ownerNotices = routed.flatMap(pendingNotices).filter((notice) => notice.audience === 'owner');
    // The owner is the head of so-b (SMS and e-mail), for the two alerts.
    expect(ownerNotices.map((notice) => `${notice.event} ${notice.channel}`).sort()).toEqual([
      'opened email',
      'opened email',
      'opened sms',
      'opened sms',
    ]);
    expect(ownerNotices.every((notice) => notice.recipient.role === 'owner')).toBe(true);
    expect(routeToOwners(owned, routed, routed)).toEqual(routed);
    const again = advanceAlerts({
      programme: owned,
      previous: routed,
      results: [],
      acknowledgements: [],
      now,
    });
    expect(routeToOwners(owned, routed, again.states).flatMap(pendingNotices)).toHaveLength(
      again.states.flatMap(pendingNotices).length,
    );
  });

  it('are the directory’s owner of the indicator when it names one, else the owning unit’s head', () => {
    expect(contactOf(owned, { role: 'owner', indicator: 'ho-so' })?.email).toBe('giam-doc-b@example.com');
    const tenure = {
      programme: 'thu-nghiem',
      seat: 'owner|so-a|ho-so',
      role: 'owner' as const,
      unit: 'so-a',
      indicator: 'ho-so',
      name: 'Chuyên viên',
      email: 'chuyen-vien@example.com',
      validFrom: '2025-01-01',
      recordedAt: '2025-01-01T00:00:00Z',
    };
    const withPeople = withDirectoryContacts(owned, [tenure], '2025-03-03', new Map());
    expect(contactOf(withPeople, { role: 'owner', indicator: 'ho-so' })).toMatchObject({
      email: 'chuyen-vien@example.com',
    });
    expect(withPeople.owners?.get('ho-so')?.unit).toBe('so-a');
  });
});

describe('every SMS template at the longest real names of both catalogs', () => {
  const catalogs = ['catalog/ha-tinh-nq05.json', 'catalog/nghe-an.json'].map((file) =>
    buildProgramme(parseCatalog(readFileSync(file), file)),
  );
  const longest = (names: string[]) =>
    names.reduce((a, b) => (Array.from(b).length > Array.from(a).length ? b : a));
  const unitName = longest(catalogs.flatMap((p) => p.catalog.units.map((unit) => unit.name)));
  const shortName = longest(catalogs.flatMap((p) => p.catalog.indicators.map((i) => i.shortName ?? i.name)));
  const indicatorName = longest(catalogs.flatMap((p) => p.catalog.indicators.map((i) => i.name)));

  it('every indicator of both catalogs has a short name', () => {
    for (const programme of catalogs) {
      for (const indicator of programme.catalog.indicators)
        expect(indicator.shortName, indicator.id).toBeTruthy();
    }
  });

  const own = (overrides: Partial<MessageItem> = {}) =>
    item('so', ['tinh'], {
      audience: 'responsible',
      event: 'opened',
      unitName,
      indicatorName,
      indicatorShortName: shortName,
      ...overrides,
    });
  const neverReported = own({ kind: 'stale', snapshot: { ...own().snapshot, value: null, date: null } });
  const cases: Record<string, MessageItem[]> = {
    behind: [own()],
    'behind, several': Array.from({ length: 9 }, (_, i) => own({ indicatorId: `i${i}` })),
    stale: [own({ kind: 'stale' })],
    'never reported': [neverReported],
    resolved: [own({ event: 'resolved' })],
    escalated: Array.from({ length: 999 }, (_, i) => item(`xa-${i}`, ['h', 'tinh'], { unitName })),
    owner: Array.from({ length: 999 }, (_, i) => item(`xa-${i}`, ['h', 'tinh'], { audience: 'owner' })),
    mixed: [own(), own({ kind: 'stale' }), ...Array.from({ length: 99 }, (_, i) => item(`xa-${i}`, ['h']))],
  };

  for (const [name, items] of Object.entries(cases)) {
    for (const language of ['vi', 'en'] as const) {
      for (const keepDiacritics of [false, true]) {
        it(`${name}, ${language}, ${keepDiacritics ? 'UCS-2' : 'GSM-7'}: one segment, full stop at the end`, () => {
          for (const footer of [
            { pointToEmail: true },
            { pointToEmail: false, emailUnconfirmed: true },
            { pointToEmail: false },
          ]) {
            const sms = renderSms(
              { ...context, language },
              { place: unitName, unit: 'so', address: '+84900000001' },
              items,
              { maxSegments: 1, keepDiacritics, ...footer },
            );
            const size = measureSms(sms);
            expect(size.segments, sms).toBe(1);
            // Kept diacritics make it UCS-2 when any are left; without them it is always GSM-7.
            if (!keepDiacritics) expect(size.encoding).toBe('gsm7');
            expect(sms.endsWith('.'), sms).toBe(true);
            expect(sms).toMatch(
              language === 'vi' ? /^(Ngay|Ngày) 07\/04\/2025|^07\/04\/2025/ : /^(On )?7 Apr 2025/,
            );
            expect(sms).not.toMatch(/\+\d+ (muc|mục|more)/);
          }
        });
      }
    }
  }
});

describe('e-mail subjects', () => {
  it('keep the place, the count and the programme’s short name within 99 characters', () => {
    const items = [
      item('so-a', ['tinh'], { audience: 'responsible' }),
      ...Array.from({ length: 78 }, (_, i) => item(`xa-${i}`, ['h', 'tinh'], { audience: 'owner' })),
      ...Array.from({ length: 219 }, (_, i) => item(`xa-${i}`, ['h', 'tinh'])),
    ];
    const place = 'Trung tâm Phục vụ hành chính công tỉnh Hà Tĩnh';
    const { subject } = renderEmail(context, { ...chairman, place }, items);
    expect(Array.from(subject).length).toBeLessThanOrEqual(99);
    expect(subject).toMatch(
      /^\[Trung tâm Phục vụ hành chính…\] 1 chỉ tiêu chậm tiến độ; .*… – NQ 01-NQ\/TU$/,
    );
  });
});
