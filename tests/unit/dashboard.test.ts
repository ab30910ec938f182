import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SentMessage } from '../../cli/local/monitoring-cycle.ts';
import { type CycleFacts, cycleNotes } from '../../cli/render/cycle-notes.ts';
import { renderDashboard } from '../../cli/render/dashboard.ts';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import type { EvaluationReport } from '../../shared/domain/programme-evaluation.ts';

const programme = buildProgramme(
  parseCatalog(readFileSync('catalog/ha-tinh-nq05.json'), 'ha-tinh-nq05.json'),
);

const report = {
  asOf: '2026-11-18',
  results: [
    {
      unit: '42-soyt',
      indicator: 'work-records-online',
      status: 'behind',
      date: '2026-10-31',
      value: 57.84,
      required: 64.2,
      gap: -6.36,
      observedPace: null,
      requiredPace: null,
      progress: null,
      milestones: [],
    },
  ],
} as unknown as EvaluationReport;

const sent: SentMessage[] = [
  { channel: 'email', kind: 'alert', seat: { role: 'head', unit: '42-soyt' } },
  { channel: 'sms', kind: 'alert', seat: { role: 'head', unit: '42-soyt' } },
  { channel: 'email', kind: 'alert', seat: { role: 'data-contact', unit: '42-soyt' } },
  { channel: 'email', kind: 'digest', seat: { role: 'committee', unit: '' } },
];

const facts: CycleFacts = {
  stored: 24_008,
  unchanged: 0,
  quarantined: 5,
  catalogPath: 'catalog/ha-tinh-nq05.json',
  dataDir: '/data/run-2',
  alerts: { opened: 3, reminded: 0, escalated: 0, resolved: 0 },
  alertEmails: 2,
  alertSms: 1,
  digestEmails: 1,
  held: 4,
  heldUntil: '07:00 19/11/2026',
  outbox: '/data/.dtwatch/outbox',
  digest: {
    location: '/data/.dtwatch/digest/ha-tinh-nq05/2026-W46/digest.html',
    week: '2026-W46',
    isNew: true,
  },
  nothingNew: false,
  seconds: '9,1',
};

function dashboard(language: 'vi' | 'en'): string {
  return renderDashboard({
    programme,
    report,
    mainSeries: new Map([['42-soyt', [50, 55, 57.8]]]),
    mainIndicator: 'work-records-online',
    sent,
    notes: cycleNotes(facts, language),
    language,
    colour: false,
  });
}

describe('the npm start dashboard', () => {
  it('--lang vi is Vietnamese throughout: headers, columns, list and footer', () => {
    const text = dashboard('vi');
    expect(text).toContain('tính đến ngày 18/11/2026');
    expect(text).toMatch(/đơn vị\s+tình trạng\s+giá trị\s+yêu cầu\s+chênh lệch\s+diễn biến/);
    expect(text).toContain('57,8%');
    expect(text).toContain('-6,4 điểm phần trăm');
    expect(text).toContain('Hoàn thành trong 9,1 giây.');
    expect(text).toContain('Đã lưu 24.008 số liệu mới (0 đã có từ trước)');
    expect(dashboard('en')).toContain('Stored 24,008 new observations');
    for (const english of [
      /\bas of\b/,
      /\bunit\b/,
      /\bstatus\b/,
      /\brequired\b/,
      /Stored /,
      /Outbox/,
      /Finished/,
      /and \d+ more/,
      /SAMPLE DATA/,
    ]) {
      expect(text).not.toMatch(english);
    }
  });

  it('names recipients by unit and role, never by a masked address', () => {
    const text = dashboard('vi');
    expect(text).toContain('Email cảnh báo (2): Thủ trưởng Sở Y tế; Đầu mối số liệu Sở Y tế');
    expect(text).toContain('SMS cảnh báo (1): Thủ trưởng Sở Y tế');
    expect(text).toContain('Email bản tin tuần (1): Ban Chỉ đạo');
    expect(text).not.toMatch(/\*\*\*|@|\+84/);
    expect(dashboard('en')).toContain('Alert e-mails (2): head of Sở Y tế; data contact of Sở Y tế');
  });

  it('the counts add up: the messages listed are the messages counted', () => {
    const text = dashboard('en');
    const listed = [...text.matchAll(/^ {2}[A-Z][\w -]+ \((\d+)\):/gm)].reduce(
      (sum, match) => sum + Number(match[1]),
      0,
    );
    expect(listed).toBe(sent.length);
    expect(text).toContain('Sent: 2 alert e-mail(s), 1 alert SMS, 1 digest e-mail(s); 4 message(s) in all.');
  });

  it('says until when SMS are held, and gives absolute paths', () => {
    expect(dashboard('vi')).toContain(
      'Giữ lại 4 SMS trong giờ yên tĩnh: sẽ gửi ở lần chạy đầu tiên từ 07:00 19/11/2026.',
    );
    const en = dashboard('en');
    expect(en).toContain('Held 4 SMS for the quiet hours: the first run from 07:00 19/11/2026 sends them.');
    expect(en).toMatch(/^Outbox: {2}\/data\/\.dtwatch\/outbox$/m);
    // The quarantine hint looks in this run's folder, typed as the serve hint is.
    expect(en).toContain(
      '(see: npm run dtwatch -- quarantine list --catalog catalog/ha-tinh-nq05.json --data-dir /data/run-2)',
    );
    expect(en).toMatch(/^Digest: {2}\/data\/\.dtwatch\/digest\/ha-tinh-nq05\/2026-W46\/digest\.html /m);
  });
});
