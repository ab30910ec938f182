import type { NoticeEvent } from '../alerts/alert-notice.ts';
import type { Language } from './labels.ts';

/** Counts of items by what happened, for subjects and SMS headers. */
export interface EventCounts {
  readonly opened: number;
  readonly reminder: number;
  readonly escalated: number;
  readonly resolved: number;
}

/**
 * Every sentence dtwatch sends to people, in Vietnamese and English. Functions receive values
 * already cleaned and formatted and only concatenate them: no template engine ever reads data.
 */
export interface Phrasebook {
  readonly subjectPrefix: string;
  summary(counts: EventCounts): string;
  greeting(name: string | undefined): string;
  intro(programmeName: string, today: string, count: number): string;
  title(event: NoticeEvent, audience: 'responsible' | 'escalation'): string;
  replaced(previousLabel: string): string;
  latest(value: string, date: string): string;
  noReport: string;
  /** A series whose first report is overdue (stale without any value). */
  neverReported: string;
  staleFor(date: string, daysSince: number): string;
  required(value: string, gap: string): string;
  pace(observed: string, required: string): string;
  /** A pace figure per 30 days; `none` words stand alone. */
  perThirtyDays(value: string): string;
  paceUnknown: string;
  noMoreMilestone: string;
  milestones(list: string): string;
  milestone(label: string, verdict: string, detail: string): string;
  milestoneLabel(year: string): string;
  reached(value: string, target: string): string;
  projected(value: string): string;
  openSince(date: string, daysOpen: number): string;
  nowStatus(status: string): string;
  askPlan: string;
  askReport: string;
  askCommand: string;
  notePlaceholder: string;
  askDirect(unitName: string, daysOpen: number): string;
  noAction: string;
  informed(names: string): string;
  headOf(unitName: string): string;
  dataContactOf(unitName: string): string;
  steering: string;
  footer: string;
  smsItemBehind(unit: string, indicator: string, value: string, required: string): string;
  smsItemStale(unit: string, indicator: string, date: string): string;
  smsItemNeverReported(unit: string, indicator: string): string;
  smsItemResolved(unit: string, indicator: string): string;
  /** A source down: since when nothing arrived, why, and how many units' overdue alerts wait. */
  sourceDown(source: string, since: string, units: number, error: string | undefined): string;
  askSource: string;
  smsItemSourceDown(source: string, since: string): string;
  smsMore(count: number): string;
  smsFooter: string;
  /** The recipient's e-mail subscription is not confirmed (or was removed): no e-mail follows. */
  smsEmailUnconfirmed: string;
}

const VI: Phrasebook = {
  subjectPrefix: '[dtwatch]',
  summary: (counts) =>
    joinCounts([
      [counts.escalated, 'báo cáo cấp trên'],
      [counts.opened, 'cảnh báo mới'],
      [counts.reminder, 'nhắc lại'],
      [counts.resolved, 'đã khắc phục'],
    ]),
  greeting: (name) => `Kính gửi ${name ?? 'đồng chí'},`,
  intro: (programmeName, today, count) =>
    `Hệ thống theo dõi chuyển đổi số dtwatch, chương trình: ${programmeName}.\nNgày ${today}: ${count} nội dung cần đồng chí lưu ý.`,
  title: (event, audience) =>
    ({
      opened: 'CẢNH BÁO MỚI',
      reminder: 'NHẮC LẠI',
      escalated:
        audience === 'escalation' ? 'ĐỀ NGHỊ CHỈ ĐẠO (cấp dưới chậm kéo dài)' : 'ĐÃ BÁO CÁO CẤP TRÊN',
      resolved: 'ĐÃ KHẮC PHỤC',
    })[event],
  replaced: (previousLabel) => `trước đó: ${previousLabel}`,
  latest: (value, date) => `Số liệu mới nhất: ${value} (ngày ${date})`,
  noReport: 'Chưa có số liệu báo cáo',
  neverReported: 'Chưa báo cáo lần nào, đã quá hạn báo cáo đầu tiên',
  staleFor: (date, daysSince) => `Báo cáo gần nhất ngày ${date}, đã ${daysSince} ngày chưa cập nhật`,
  required: (value, gap) => `Yêu cầu theo lộ trình: ${value}; chênh lệch: ${gap}`,
  pace: (observed, required) => `Tốc độ thực tế: ${observed}; tốc độ cần thiết: ${required}`,
  perThirtyDays: (value) => `${value}/30 ngày`,
  paceUnknown: 'chưa đủ số liệu',
  noMoreMilestone: 'không còn mốc',
  milestones: (list) => `Các mốc: ${list}`,
  milestone: (label, verdict, detail) => `${label}: ${verdict}${detail ? ` (${detail})` : ''}`,
  milestoneLabel: (year) => `mốc ${year}`,
  reached: (value, target) => `đạt ${value} / yêu cầu ${target}`,
  projected: (value) => `dự báo ${value}`,
  openSince: (date, daysOpen) => `Cảnh báo mở từ ngày ${date} (${daysOpen} ngày).`,
  nowStatus: (status) => `Hiện nay: ${status}.`,
  askPlan:
    'Đề nghị: xác nhận và gửi kế hoạch khắc phục kèm thời hạn (trả lời thư này). Văn phòng ghi nhận bằng lệnh:',
  askReport:
    'Đề nghị: cập nhật số liệu báo cáo; nếu chưa thể, trả lời thư này kèm thời hạn. Văn phòng ghi nhận bằng lệnh:',
  askCommand: 'Nhắc lại sẽ tạm dừng đến ngày đã ghi nhận.',
  notePlaceholder: 'kế hoạch khắc phục',
  askDirect: (unitName, daysOpen) =>
    `Đề nghị: đôn đốc, chỉ đạo ${unitName} khắc phục (đã kéo dài ${daysOpen} ngày).`,
  noAction: 'Không cần thêm hành động.',
  informed: (names) => `Đồng thời đã thông báo: ${names}.`,
  headOf: (unitName) => `Thủ trưởng ${unitName}`,
  dataContactOf: (unitName) => `đầu mối số liệu ${unitName}`,
  steering: 'Ban Chỉ đạo',
  footer: '--\nThư tự động của dtwatch. Mọi thắc mắc xin trả lời thư này.',
  smsItemBehind: (unit, indicator, value, required) => `${unit}: ${indicator} ${value} (yêu cầu ${required})`,
  smsItemStale: (unit, indicator, date) => `${unit}: ${indicator} chưa báo cáo từ ${date}`,
  smsItemNeverReported: (unit, indicator) => `${unit}: ${indicator} chưa báo cáo lần nào`,
  smsItemResolved: (unit, indicator) => `${unit}: ${indicator} đã khắc phục`,
  sourceDown: (source, since, units, error) =>
    `Nguồn số liệu "${source}" không nhận được số liệu từ ${since}${error ? ` (lỗi: ${error})` : ''}; cảnh báo quá hạn báo cáo của ${units} đơn vị do nguồn này cung cấp được tạm giữ lại đến khi nguồn hoạt động trở lại.`,
  askSource: 'Đề nghị: kiểm tra nguồn số liệu và liên hệ đơn vị cung cấp.',
  smsItemSourceDown: (source, since) => `Nguồn số liệu ${source} gián đoạn từ ${since}`,
  smsMore: (count) => `+${count} mục khác`,
  smsFooter: 'Chi tiết trong email.',
  smsEmailUnconfirmed: 'Email chưa xác nhận, không gửi được.',
};

const EN: Phrasebook = {
  subjectPrefix: '[dtwatch]',
  summary: (counts) =>
    joinCounts([
      [counts.escalated, counts.escalated === 1 ? 'escalation' : 'escalations'],
      [counts.opened, counts.opened === 1 ? 'new alert' : 'new alerts'],
      [counts.reminder, counts.reminder === 1 ? 'reminder' : 'reminders'],
      [counts.resolved, 'resolved'],
    ]),
  greeting: (name) => `Dear ${name ?? 'colleague'},`,
  intro: (programmeName, today, count) =>
    `dtwatch, digital transformation monitoring, programme: ${programmeName}.\nOn ${today}: ${count} item(s) need your attention.`,
  title: (event, audience) =>
    ({
      opened: 'NEW ALERT',
      reminder: 'REMINDER',
      escalated: audience === 'escalation' ? 'ESCALATED TO YOU (a unit below is behind)' : 'ESCALATED',
      resolved: 'RESOLVED',
    })[event],
  replaced: (previousLabel) => `previously: ${previousLabel}`,
  latest: (value, date) => `Latest value: ${value} (on ${date})`,
  noReport: 'No value reported yet',
  neverReported: 'Has never reported; the first report is overdue',
  staleFor: (date, daysSince) => `Last report on ${date}, not updated for ${daysSince} days`,
  required: (value, gap) => `Required by the trajectory: ${value}; gap: ${gap}`,
  pace: (observed, required) => `Observed pace: ${observed}; required pace: ${required}`,
  perThirtyDays: (value) => `${value}/30 days`,
  paceUnknown: 'not enough data',
  noMoreMilestone: 'no milestone left',
  milestones: (list) => `Milestones: ${list}`,
  milestone: (label, verdict, detail) => `${label}: ${verdict}${detail ? ` (${detail})` : ''}`,
  milestoneLabel: (year) => `${year} milestone`,
  reached: (value, target) => `${value} against ${target}`,
  projected: (value) => `projected ${value}`,
  openSince: (date, daysOpen) => `Open since ${date} (${daysOpen} days).`,
  nowStatus: (status) => `Now: ${status}.`,
  askPlan:
    'Asked: acknowledge with a remediation plan and a date (reply to this e-mail). The office records it with:',
  askReport:
    'Asked: report the current value; if you cannot yet, reply with a date. The office records it with:',
  askCommand: 'Reminders pause until the acknowledged date.',
  notePlaceholder: 'remediation plan',
  askDirect: (unitName, daysOpen) => `Asked: see that ${unitName} remedies this (open for ${daysOpen} days).`,
  noAction: 'Nothing more is needed.',
  informed: (names) => `Also informed: ${names}.`,
  headOf: (unitName) => `head of ${unitName}`,
  dataContactOf: (unitName) => `data contact of ${unitName}`,
  steering: 'the steering committee',
  footer: '--\nAutomatic message from dtwatch. Reply to this e-mail with any question.',
  smsItemBehind: (unit, indicator, value, required) =>
    `${unit}: ${indicator} ${value} (required ${required})`,
  smsItemStale: (unit, indicator, date) => `${unit}: ${indicator} no report since ${date}`,
  smsItemNeverReported: (unit, indicator) => `${unit}: ${indicator} has never reported`,
  smsItemResolved: (unit, indicator) => `${unit}: ${indicator} resolved`,
  sourceDown: (source, since, units, error) =>
    `No data has arrived from source "${source}" since ${since}${error ? ` (error: ${error})` : ''}; the overdue-report alerts of the ${units} unit(s) it feeds are held back until it works again.`,
  askSource: 'Please check the data source and contact its provider.',
  smsItemSourceDown: (source, since) => `Data source ${source} down since ${since}`,
  smsMore: (count) => `+${count} more`,
  smsFooter: 'Details by e-mail.',
  smsEmailUnconfirmed: 'E-mail not confirmed: none sent.',
};

export const PHRASEBOOKS: Readonly<Record<Language, Phrasebook>> = { vi: VI, en: EN };

function joinCounts(parts: readonly (readonly [number, string])[]): string {
  return parts
    .filter(([count]) => count > 0)
    .map(([count, label]) => `${count} ${label}`)
    .join(', ');
}
