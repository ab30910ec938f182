import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../shared/messages/email-message.ts';
import type { MessageContext, MessageItem } from '../../shared/messages/message-item.ts';
import { renderSms } from '../../shared/messages/sms-message.ts';
import { measureSms } from '../../shared/messages/sms-segments.ts';
import { result } from './support/fixture.ts';

const context: MessageContext = {
  language: 'vi',
  programmeId: 'thu-nghiem',
  programmeName: 'Chương trình chuyển đổi số thử nghiệm',
  today: '2025-04-07',
  recipientName: 'Giám đốc Sở A',
  catalogPath: 'catalog/thu-nghiem.json',
  ackUntil: '2025-05-07',
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
    indicatorName: 'Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng',
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
    expect(renderEmail(context, [neverReported()]).body).toContain(
      'Chưa báo cáo lần nào, đã quá hạn báo cáo đầu tiên',
    );
    expect(renderEmail({ ...context, language: 'en' }, [neverReported()]).body).toContain(
      'Has never reported; the first report is overdue',
    );
    expect(renderSms(context, [neverReported()], SMS_OPTIONS)).toContain('chua bao cao lan nao');
    expect(renderSms({ ...context, language: 'en' }, [neverReported()], SMS_OPTIONS)).toContain(
      'has never reported',
    );
  });
});

describe('e-mail', () => {
  it('gives, per item, the figures, the milestone verdicts and what is asked', () => {
    const { subject, body } = renderEmail(context, [item()]);
    expect(subject).toBe('[dtwatch] thu-nghiem: 1 cảnh báo mới');
    for (const expected of [
      'Kính gửi Giám đốc Sở A,',
      '1. [CẢNH BÁO MỚI – chậm tiến độ]',
      'Sở A – Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng',
      'Số liệu mới nhất: 25,4% (ngày 2025-04-01)',
      'Yêu cầu theo lộ trình: 37,3%; chênh lệch: -11,9 điểm phần trăm',
      'Tốc độ thực tế: +0,5%/30 ngày; tốc độ cần thiết: +6,6%/30 ngày',
      'mốc 2024: không đạt (đạt 22,0% / yêu cầu 30,0%)',
      'mốc 2025: khó đạt (dự báo 30,2%)',
      'Cảnh báo mở từ ngày 2025-03-03 (35 ngày).',
      'dtwatch ack --catalog catalog/thu-nghiem.json --unit so-a --indicator ho-so --until 2025-05-07 --note',
    ]) {
      expect(body).toContain(expected);
    }
  });

  it('names who else is informed on escalation, and asks the higher level to direct', () => {
    const informed = [{ role: 'head' as const, name: 'Chủ tịch UBND tỉnh', unitName: 'Tỉnh Thử' }];
    const toHead = renderEmail(context, [item({ event: 'escalated', level: 1, informed })]);
    expect(toHead.body).toContain('[ĐÃ BÁO CÁO CẤP TRÊN – chậm tiến độ]');
    expect(toHead.body).toContain('Đồng thời đã thông báo: Chủ tịch UBND tỉnh (Tỉnh Thử).');
    const toParent = renderEmail({ ...context, recipientName: 'Chủ tịch UBND tỉnh' }, [
      item({
        event: 'escalated',
        level: 1,
        audience: 'escalation',
        informed: [{ role: 'head', unitName: 'Sở A' }],
      }),
    ]);
    expect(toParent.body).toContain('Đề nghị: đôn đốc, chỉ đạo Sở A khắc phục (đã kéo dài 35 ngày).');
    expect(toParent.body).toContain('Đồng thời đã thông báo: Thủ trưởng Sở A.');
    expect(toParent.body).not.toContain('dtwatch ack');
  });

  it('is available in English', () => {
    const { subject, body } = renderEmail({ ...context, language: 'en' }, [
      item(),
      item({ event: 'resolved', unitId: 'so-b', unitName: 'Sở B' }),
    ]);
    expect(subject).toBe('[dtwatch] thu-nghiem: 1 new alert, 1 resolved');
    expect(body).toContain('Latest value: 25.4% (on 2025-04-01)');
    expect(body).toContain('2024 milestone: missed');
    expect(body).toContain('RESOLVED');
  });

  it('keeps data literal and on its own line: no template, markup or header injection', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal is the attack under test
    const hostile = 'Sở ${process.env.HOME} {{7*7}} <script>alert(1)</script>\nBcc: x@example.org';
    const { subject, body } = renderEmail(
      { ...context, programmeId: 'p\r\nBcc: y', recipientName: hostile },
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

  it('summarises in one GSM-7 part without diacritics by default', () => {
    const sms = renderSms(context, [item()], plain);
    expect(sms).toBe(
      'dtwatch: 1 canh bao moi. So A: Ty le ho so cong viec duoc xu ly tren moi truong mang 25,4% (yeu cau 37,3%) Chi tiet trong email.',
    );
    expect(measureSms(sms)).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });

  it('keeps diacritics in UCS-2 when configured, cutting names with "…" and counting the rest as +N', () => {
    const long = item().indicatorName.repeat(3);
    const items = [item({ indicatorName: long }), item({ unitName: 'Sở B' }), item({ unitName: 'Sở C' })];
    const sms = renderSms(context, items, { maxSegments: 2, keepDiacritics: true, pointToEmail: false });
    expect(measureSms(sms)).toMatchObject({ encoding: 'ucs2' });
    expect(measureSms(sms).segments).toBeLessThanOrEqual(2);
    expect(sms).toContain('…');
    expect(sms).toMatch(/\+2 mục khác$/);
  });

  it('lists most items that fit and counts the others', () => {
    const items = Array.from({ length: 6 }, (_, index) =>
      item({ unitName: `Đơn vị ${index}`, indicatorName: 'Chỉ tiêu' }),
    );
    const sms = renderSms(context, items, { ...plain, maxSegments: 1 });
    expect(measureSms(sms).segments).toBe(1);
    expect(sms).toMatch(/\+\d muc khac/);
    expect(sms).toContain('Don vi 0: Chi tieu');
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
          const sms = renderSms({ ...context, language }, items, {
            maxSegments,
            keepDiacritics,
            pointToEmail,
          });
          const size = measureSms(sms);
          expect(size.segments).toBeLessThanOrEqual(maxSegments);
          expect(size.segments).toBeGreaterThan(0);
          if (!keepDiacritics) expect(size.encoding).toBe('gsm7');
          expect(sms).toBe(sms.normalize('NFC'));
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
        const email = renderEmail({ ...context, recipientName: name }, items);
        expect(email.body).toContain(injected);
        expect(email.body).not.toContain('undefined');
        const sms = renderSms(context, [item({ unitName: injected, indicatorName: 'x' })], {
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
