import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../shared/messages/email-message.ts';
import type { MessageContext, MessageItem, MessageRecipient } from '../../shared/messages/message-item.ts';
import { NO_LINKS, plainLinks } from '../../shared/messages/message-links.ts';
import { renderSms } from '../../shared/messages/sms-message.ts';
import { measureSms } from '../../shared/messages/sms-segments.ts';
import { result } from './support/fixture.ts';

const context: MessageContext = {
  language: 'vi',
  programmeId: 'thu-nghiem',
  programmeName: 'Chương trình chuyển đổi số thử nghiệm',
  programmeShortName: 'NQ 01-NQ/TU',
  today: '2025-04-07',
  respondBy: '2025-04-14',
  emailItemLimit: 10,
  links: NO_LINKS,
};

const head: MessageRecipient = {
  name: 'Giám đốc Sở A',
  place: 'Sở A',
  unit: 'so-a',
  address: 'giam-doc@example.com',
};

function item(overrides: Partial<MessageItem> = {}): MessageItem {
  const {
    unit: _u,
    indicator: _i,
    ...snapshot
  } = result('so-a', 'behind', {
    date: '2025-04-01',
    value: 25.4,
    required: 37.3,
    gap: -11.9,
    observedPace: 0.5,
    requiredPace: 6.6,
    milestones: [
      { date: '2024-12-31', target: 30, verdict: 'missed', value: 22 },
      { date: '2025-12-31', target: 80, verdict: 'unlikely', projected: 30.2 },
    ],
  });
  return {
    event: 'opened',
    kind: 'behind',
    audience: 'responsible',
    level: 0,
    unitId: 'so-a',
    unitName: 'Sở A',
    indicatorId: 'ho-so',
    ancestors: ['tinh'],
    branch: { id: 'so-a', name: 'Sở A' },
    indicatorName: 'Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng',
    indicatorShortName: 'Hồ sơ trên mạng',
    measure: '%',
    snapshot,
    openedOn: '2025-03-03',
    raisedOn: '2025-04-07',
    informed: [],
    ...overrides,
  };
}

const SMS_OPTIONS = { maxSegments: 3, keepDiacritics: false, pointToEmail: false };

/** A unit whose first report is overdue: stale without any value (docs/evaluation.md, status 2). */
function neverReported(): MessageItem {
  const base = item({ kind: 'stale' });
  return {
    ...base,
    snapshot: {
      ...base.snapshot,
      status: 'stale',
      date: null,
      value: null,
      required: null,
      gap: null,
      observedPace: null,
      requiredPace: null,
    },
  };
}

describe('a first report overdue', () => {
  it('is worded as never reported in e-mail and SMS, in both languages', () => {
    expect(renderEmail(context, head, [neverReported()]).body).toContain(
      'Chưa báo cáo lần nào, đã quá hạn báo cáo đầu tiên',
    );
    expect(renderEmail({ ...context, language: 'en' }, head, [neverReported()]).body).toContain(
      'Has never reported; the first report is overdue',
    );
    expect(renderSms(context, head, [neverReported()], SMS_OPTIONS)).toContain('chua bao cao lan nao');
    expect(renderSms({ ...context, language: 'en' }, head, [neverReported()], SMS_OPTIONS)).toContain(
      'never reported',
    );
  });
});

describe('e-mail', () => {
  it('names the unit and the count first, then the programme, and says what to do by when', () => {
    const { subject, body } = renderEmail(context, head, [
      item(),
      item({ indicatorId: 'b' }),
      neverReported(),
    ]);
    expect(subject).toBe('[Sở A] 2 chỉ tiêu chậm tiến độ, 1 chỉ tiêu chưa báo cáo lần nào – NQ 01-NQ/TU');
    const firstParagraph = body.split('\n\n')[1];
    expect(firstParagraph).toContain(
      'Đề nghị đồng chí chỉ đạo khắc phục 2 chỉ tiêu chậm tiến độ của Sở A và gửi kế hoạch khắc phục trước ngày 14/04/2025.',
    );
    expect(firstParagraph).toContain('cập nhật số liệu cho 1 chỉ tiêu chưa báo cáo lần nào của Sở A');
  });

  it('gives, per item, the figures, the milestone verdicts and what is asked, with no shell command', () => {
    const { body } = renderEmail(context, head, [item()]);
    for (const expected of [
      'Kính gửi Giám đốc Sở A,',
      '1. [CẢNH BÁO MỚI – chậm tiến độ]',
      'Sở A – Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng',
      'Số liệu mới nhất: 25,4% (ngày 01/04/2025)',
      'Yêu cầu theo lộ trình: 37,3%; chênh lệch: -11,9 điểm phần trăm',
      'Tốc độ thực tế: +0,5 điểm phần trăm mỗi 30 ngày; tốc độ cần thiết: +6,6 điểm phần trăm mỗi 30 ngày',
      'mốc 2024: không đạt (đạt 22,0% / yêu cầu 30,0%)',
      'mốc 2025: khó đạt (dự báo 30,2%)',
      'Cảnh báo mở từ ngày 03/03/2025 (35 ngày).',
      'Xác nhận bằng cách trả lời thư này',
    ]) {
      expect(body).toContain(expected);
    }
    expect(body).not.toMatch(/dtwatch ack|--catalog|--unit/);
  });

  it('links each alert to its page in the web app when a base URL is configured', () => {
    const linked = { ...context, links: plainLinks('https://dtwatch.example.gov.vn/') };
    const { body } = renderEmail(linked, head, [item()]);
    expect(body).toContain('Xác nhận tại: https://dtwatch.example.gov.vn/alerts/so-a~ho-so~behind');
    expect(body.split('\n\n')[1]).toContain('Mỗi cảnh báo có đường dẫn để xác nhận');
  });

  it('reads as good news when everything in it is resolved', () => {
    const { subject, body } = renderEmail(context, head, [
      item({ event: 'resolved' }),
      item({ event: 'resolved', indicatorId: 'b' }),
    ]);
    expect(subject).toBe('[Sở A] 2 chỉ tiêu đã khắc phục – NQ 01-NQ/TU');
    expect(body.split('\n\n')[1]).toMatch(/^Tin vui: 2 chỉ tiêu của Sở A đã được khắc phục/);
    expect(body).not.toMatch(/Đề nghị|cần đồng chí lưu ý/);
  });

  it('lists at most the item limit and counts the rest', () => {
    const items = Array.from({ length: 14 }, (_, index) => item({ indicatorId: `i${index}` }));
    const { body } = renderEmail({ ...context, emailItemLimit: 4 }, head, items);
    expect(body).toContain('4. [CẢNH BÁO MỚI');
    expect(body).not.toContain('5. [CẢNH BÁO MỚI');
    expect(body).toContain('Còn 10 cảnh báo khác: 10 chậm tiến độ.');
    expect(body).toContain('Xem đầy đủ trong bản tin tuần.');
  });

  it('names who else is informed on escalation', () => {
    const informed = [{ role: 'head' as const, name: 'Chủ tịch UBND tỉnh', unitName: 'Tỉnh Thử' }];
    const toHead = renderEmail(context, head, [item({ event: 'escalated', level: 1, informed })]);
    expect(toHead.body).toContain('[ĐÃ BÁO CÁO CẤP TRÊN – chậm tiến độ]');
    expect(toHead.body).toContain('Đồng thời đã thông báo: Chủ tịch UBND tỉnh (Tỉnh Thử).');
  });

  it('is available in English', () => {
    const { subject, body } = renderEmail({ ...context, language: 'en' }, head, [
      item(),
      item({ event: 'resolved', unitId: 'so-b', unitName: 'Sở B' }),
    ]);
    expect(subject).toBe('[Sở A] 1 indicator behind – NQ 01-NQ/TU');
    expect(body).toContain('Latest value: 25.4% (on 1 Apr 2025)');
    expect(body).toContain('2024 milestone: missed');
    expect(body).toContain('RESOLVED');
  });

  it('keeps data literal and on its own line: no template, markup or header injection', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal is the attack under test
    const hostile = 'Sở ${process.env.HOME} {{7*7}} <script>alert(1)</script>\nBcc: x@example.org';
    const { subject, body } = renderEmail(
      { ...context, programmeShortName: 'p\r\nBcc: y' },
      { ...head, name: hostile, place: hostile },
      [item({ unitName: hostile, indicatorName: '#{x} %s {0}' })],
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: it must come out literally
    expect(body).toContain('${process.env.HOME} {{7*7}} <script>alert(1)</script> Bcc: x@example.org');
    expect(body).toContain('#{x} %s {0}');
    expect(body).not.toContain('\nBcc:');
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject.length).toBeLessThan(100);
  });
});

describe('SMS', () => {
  const plain = { maxSegments: 1, keepDiacritics: false, pointToEmail: true };

  it('says the date, the place and what stands in complete sentences, in one GSM-7 part', () => {
    const sms = renderSms(context, head, [item()], plain);
    expect(sms).toBe(
      'Ngay 07/04/2025, So A: 1 chi tieu cham tien do (Ho so tren mang). De nghi khac phuc. Chi tiet trong email.',
    );
    expect(measureSms(sms)).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });

  it('keeps diacritics in UCS-2 when configured and still fits one part', () => {
    const sms = renderSms(context, head, [item(), item({ indicatorId: 'b' })], {
      maxSegments: 1,
      keepDiacritics: true,
      pointToEmail: true,
    });
    expect(measureSms(sms)).toMatchObject({ encoding: 'ucs2', segments: 1 });
    expect(sms).toMatch(/^Ngày 07\/04\/2025, Sở A: 2 chỉ tiêu chậm tiến độ/);
    expect(sms.endsWith('.')).toBe(true);
  });

  it('names no indicator unless all of them fit: counts instead, never "+N more"', () => {
    const items = Array.from({ length: 6 }, (_, index) =>
      item({ indicatorId: `i${index}`, indicatorShortName: `Chỉ tiêu số ${index} khá dài` }),
    );
    const sms = renderSms(context, head, items, plain);
    expect(measureSms(sms).segments).toBe(1);
    expect(sms).toContain('6 chi tieu cham tien do.');
    expect(sms).not.toMatch(/Chi tieu so|\+\d/);
  });

  it('summarises what was escalated to a higher level as counts', () => {
    const below = Array.from({ length: 40 }, (_, index) =>
      item({ audience: 'escalation', event: 'escalated', unitId: `xa-${index % 12}` }),
    );
    const sms = renderSms(context, { ...head, place: 'Tỉnh Thử' }, below, plain);
    expect(sms).toBe(
      'Ngay 07/04/2025, Tinh Thu: 40 canh bao o 12 don vi cap duoi. De nghi don doc. Chi tiet trong email.',
    );
  });
});

const vietnamese = fc.string({
  unit: fc.constantFrom(
    ...'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵĐĂÂÊÔƠƯ {}[]~|\\€$<>"\'%0123456789.,;:-\n\t😀中\u200b\u202e',
  ),
  maxLength: 120,
});

const arbitraryItem = fc.record({
  event: fc.constantFrom('opened', 'reminder', 'escalated', 'resolved'),
  kind: fc.constantFrom('behind', 'stale', 'at_risk'),
  audience: fc.constantFrom('responsible', 'escalation'),
  unitName: vietnamese,
  indicatorName: vietnamese,
  value: fc.option(fc.double({ noNaN: false }), { nil: null }),
  required: fc.option(fc.double(), { nil: null }),
  measure: fc.option(vietnamese, { nil: undefined }),
});

describe('rendering properties', () => {
  it('the SMS always fits the configured parts, whatever the text and the items', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryItem, { maxLength: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('vi' as const, 'en' as const),
        (raw, maxSegments, keepDiacritics, pointToEmail, language) => {
          const items = raw.map((entry) =>
            item({
              event: entry.event,
              kind: entry.kind,
              audience: entry.audience,
              unitName: entry.unitName,
              indicatorName: entry.indicatorName,
              measure: entry.measure,
              snapshot: { ...item().snapshot, value: entry.value, required: entry.required },
            }),
          );
          const sms = renderSms({ ...context, language }, head, items, {
            maxSegments,
            keepDiacritics,
            pointToEmail,
          });
          const size = measureSms(sms);
          expect(size.segments).toBeLessThanOrEqual(maxSegments);
          expect(size.segments).toBeGreaterThan(0);
          if (!keepDiacritics) expect(size.encoding).toBe('gsm7');
          expect(sms).toBe(sms.normalize('NFC'));
          expect(sms.endsWith('.')).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rendering never throws and data never turns into template syntax or markup', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax as data, on purpose
    const payload = fc.constantFrom('${x}', '{{x}}', '<script>x</script>', '#{x}', '%s', '$&', '$1');
    fc.assert(
      fc.property(vietnamese, payload, vietnamese, (prefix, injected, suffix) => {
        const name = `${prefix}${injected}${suffix}`;
        const items = [
          item({ unitName: name, indicatorName: injected }),
          item({ event: 'resolved', unitName: injected }),
        ];
        const email = renderEmail(context, { ...head, name, place: name }, items);
        expect(email.body).toContain(injected);
        expect(email.body).not.toContain('undefined');
        const sms = renderSms(context, { ...head, place: injected }, [item({ indicatorName: 'x' })], {
          maxSegments: 2,
          keepDiacritics: true,
          pointToEmail: false,
        });
        expect(sms).toContain(injected);
      }),
      { numRuns: 300 },
    );
  });
});
