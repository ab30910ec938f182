import type { Audience, NoticeEvent } from '../alerts/alert-notice.ts';
import type { Language } from './labels.ts';

/** Counts of items by what happened, for summaries. */
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
  /** "3 chỉ tiêu chậm tiến độ": a count of indicators in one state (its label). */
  indicators(count: number, label: string): string;
  /** "219 cảnh báo ở 45 đơn vị cấp dưới". */
  below(alerts: number, units: number): string;
  /** "40 cảnh báo về chỉ tiêu đơn vị phụ trách". */
  owned(alerts: number): string;
  events(counts: EventCounts): string;
  greeting(name: string | undefined): string;
  /** The first paragraph: what to do, and by when. */
  askFix(what: string, unitName: string, by: string): string;
  askReport(what: string, unitName: string, by: string): string;
  askDirect(what: string, by: string): string;
  askOwner(what: string, by: string): string;
  answerByLink: string;
  answerByReply: string;
  goodNews(count: number, unitName: string): string;
  /** The state label of a resolved indicator, for counts ("2 chỉ tiêu đã khắc phục"). */
  resolvedLabel: string;
  goodNewsBelow(count: number): string;
  context(programmeName: string, today: string): string;
  title(event: NoticeEvent, audience: Audience): string;
  replaced(previousLabel: string): string;
  latest(value: string, date: string): string;
  noReport: string;
  /** A series whose first report is overdue (stale without any value). */
  neverReported: string;
  staleFor(date: string, daysSince: number): string;
  required(value: string, gap: string): string;
  pace(observed: string, required: string): string;
  paceUnknown: string;
  noMoreMilestone: string;
  milestones(list: string): string;
  milestone(label: string, verdict: string, detail: string): string;
  milestoneLabel(year: string): string;
  reached(value: string, target: string): string;
  projected(value: string): string;
  openSince(date: string, daysOpen: number): string;
  nowStatus(status: string): string;
  /** A source down: since when nothing arrived, why, and how many units' overdue alerts wait. */
  sourceDown(source: string, since: string, units: number, error: string | undefined): string;
  askSource: string;
  smsItemSourceDown(source: string, since: string): string;
  /** Where an operator's messages place them. */
  operators: string;
  itemAskPlan: string;
  itemAskReport: string;
  acknowledgeAt(link: string): string;
  replyToAcknowledge: string;
  thanks: string;
  informed(names: string): string;
  headOf(unitName: string): string;
  dataContactOf(unitName: string): string;
  ownerOf(unitName: string): string;
  steering: string;
  /** "Còn 12 cảnh báo khác: …" after the item limit. */
  more(count: number, breakdown: string): string;
  seeAll(link: string): string;
  seeDigest: string;
  rollUpBelowTitle(alerts: number, units: number): string;
  rollUpOwnedTitle(alerts: number, units: number): string;
  byStatus(list: string): string;
  thisRun(list: string): string;
  byBranch(list: string): string;
  byIndicator(list: string): string;
  otherUnits(count: number): string;
  worst: string;
  /** "(cùng 7 đơn vị trực thuộc)": child alerts of the same indicator a line stands for. */
  withChildren(count: number): string;
  openDays(days: number): string;
  footer: string;
  smsOn(date: string, place: string, facts: string): string;
  smsOnly(date: string, facts: string): string;
  smsAskFix: string;
  smsAskReport: string;
  smsAskDirect: string;
  smsThanks: string;
  smsFooter: string;
  /** The recipient's e-mail subscription is not confirmed (or was removed): no e-mail follows. */
  smsEmailUnconfirmed: string;
  /** The shortest SMS: "19/05/2025: 3 cảnh báo." */
  smsMinimal(date: string, alerts: number): string;
}

const VI: Phrasebook = {
  indicators: (count, label) => `${count} chỉ tiêu ${label}`,
  below: (alerts, units) => `${alerts} cảnh báo ở ${units} đơn vị cấp dưới`,
  owned: (alerts) => `${alerts} cảnh báo về chỉ tiêu đơn vị phụ trách`,
  events: (counts) =>
    joinCounts([
      [counts.escalated, 'báo cáo cấp trên'],
      [counts.opened, 'cảnh báo mới'],
      [counts.reminder, 'nhắc lại'],
      [counts.resolved, 'đã khắc phục'],
    ]),
  greeting: (name) => `Kính gửi ${name ?? 'đồng chí'},`,
  askFix: (what, unitName, by) =>
    `Đề nghị đồng chí chỉ đạo khắc phục ${what} của ${unitName} và gửi kế hoạch khắc phục trước ngày ${by}.`,
  askReport: (what, unitName, by) =>
    `Đề nghị đồng chí cập nhật số liệu cho ${what} của ${unitName} trước ngày ${by}.`,
  askDirect: (what, by) => `Đề nghị đồng chí đôn đốc, chỉ đạo khắc phục ${what} trước ngày ${by}.`,
  askOwner: (what, by) => `Đề nghị đơn vị theo dõi, hướng dẫn các đơn vị khắc phục ${what} trước ngày ${by}.`,
  answerByLink: 'Mỗi cảnh báo có đường dẫn để xác nhận và ghi kế hoạch khắc phục.',
  answerByReply: 'Đồng chí trả lời thư này để xác nhận và gửi kế hoạch khắc phục.',
  goodNews: (count, unitName) =>
    `Tin vui: ${count} chỉ tiêu của ${unitName} đã được khắc phục. Cảm ơn đồng chí và đơn vị; không cần làm gì thêm.`,
  resolvedLabel: 'đã khắc phục',
  goodNewsBelow: (count) => `Tin vui: ${count} cảnh báo của các đơn vị cấp dưới đã được khắc phục.`,
  context: (programmeName, today) => `Chương trình: ${programmeName}. Số liệu đến ngày ${today}.`,
  title: (event, audience) =>
    ({
      opened: 'CẢNH BÁO MỚI',
      reminder: 'NHẮC LẠI',
      escalated: audience === 'responsible' ? 'ĐÃ BÁO CÁO CẤP TRÊN' : 'ĐỀ NGHỊ CHỈ ĐẠO',
      resolved: 'ĐÃ KHẮC PHỤC',
    })[event],
  replaced: (previousLabel) => `trước đó: ${previousLabel}`,
  latest: (value, date) => `Số liệu mới nhất: ${value} (ngày ${date})`,
  noReport: 'Chưa có số liệu báo cáo',
  neverReported: 'Chưa báo cáo lần nào, đã quá hạn báo cáo đầu tiên',
  staleFor: (date, daysSince) => `Báo cáo gần nhất ngày ${date}, đã ${daysSince} ngày chưa cập nhật`,
  required: (value, gap) => `Yêu cầu theo lộ trình: ${value}; chênh lệch: ${gap}`,
  pace: (observed, required) => `Tốc độ thực tế: ${observed}; tốc độ cần thiết: ${required}`,
  paceUnknown: 'chưa đủ số liệu',
  noMoreMilestone: 'không còn mốc',
  milestones: (list) => `Các mốc: ${list}`,
  milestone: (label, verdict, detail) => `${label}: ${verdict}${detail ? ` (${detail})` : ''}`,
  milestoneLabel: (year) => `mốc ${year}`,
  reached: (value, target) => `đạt ${value} / yêu cầu ${target}`,
  projected: (value) => `dự báo ${value}`,
  openSince: (date, daysOpen) => `Cảnh báo mở từ ngày ${date} (${daysOpen} ngày).`,
  nowStatus: (status) => `Hiện nay: ${status}.`,
  sourceDown: (source, since, units, error) =>
    `Nguồn số liệu "${source}" không nhận được số liệu từ ${since}${error ? ` (lỗi: ${error})` : ''}; cảnh báo quá hạn báo cáo của ${units} đơn vị do nguồn này cung cấp được tạm giữ lại đến khi nguồn hoạt động trở lại.`,
  askSource: 'Đề nghị: kiểm tra nguồn số liệu và liên hệ đơn vị cung cấp.',
  smsItemSourceDown: (source, since) => `nguồn số liệu ${source} gián đoạn từ ${since}`,
  operators: 'Bộ phận vận hành',
  itemAskPlan: 'Đề nghị: xác nhận và gửi kế hoạch khắc phục kèm thời hạn.',
  itemAskReport: 'Đề nghị: cập nhật số liệu; nếu chưa thể, xác nhận kèm thời hạn.',
  acknowledgeAt: (link) => `Xác nhận tại: ${link}`,
  replyToAcknowledge: 'Xác nhận bằng cách trả lời thư này; nhắc lại tạm dừng đến ngày đã hẹn.',
  thanks: 'Cảm ơn đồng chí; không cần làm gì thêm.',
  informed: (names) => `Đồng thời đã thông báo: ${names}.`,
  headOf: (unitName) => `Thủ trưởng ${unitName}`,
  dataContactOf: (unitName) => `đầu mối số liệu ${unitName}`,
  ownerOf: (unitName) => `${unitName} (đơn vị phụ trách chỉ tiêu)`,
  steering: 'Ban Chỉ đạo',
  more: (count, breakdown) => `Còn ${count} cảnh báo khác: ${breakdown}.`,
  seeAll: (link) => `Xem đầy đủ tại: ${link}`,
  seeDigest: 'Xem đầy đủ trong bản tin tuần.',
  rollUpBelowTitle: (alerts, units) => `TỔNG HỢP ĐƠN VỊ CẤP DƯỚI: ${alerts} cảnh báo ở ${units} đơn vị`,
  rollUpOwnedTitle: (alerts, units) =>
    `TỔNG HỢP CHỈ TIÊU ĐƠN VỊ PHỤ TRÁCH: ${alerts} cảnh báo ở ${units} đơn vị`,
  byStatus: (list) => `Theo tình trạng: ${list}.`,
  thisRun: (list) => `Lần này: ${list}.`,
  byBranch: (list) => `Theo đơn vị trực thuộc: ${list}.`,
  byIndicator: (list) => `Theo chỉ tiêu: ${list}.`,
  otherUnits: (count) => `${count} đơn vị khác`,
  worst: 'Các trường hợp cần chú ý nhất:',
  withChildren: (count) => `cùng ${count} đơn vị trực thuộc`,
  openDays: (days) => `mở ${days} ngày`,
  footer: '--\nThư tự động của dtwatch. Mọi thắc mắc xin trả lời thư này.',
  smsOn: (date, place, facts) => `Ngày ${date}, ${place}: ${facts}.`,
  smsOnly: (date, facts) => `Ngày ${date}: ${facts}.`,
  smsAskFix: 'Đề nghị khắc phục.',
  smsAskReport: 'Đề nghị cập nhật số liệu.',
  smsAskDirect: 'Đề nghị đôn đốc.',
  smsThanks: 'Xin cảm ơn.',
  smsFooter: 'Chi tiết trong email.',
  smsEmailUnconfirmed: 'Email chưa xác nhận, không gửi được.',
  smsMinimal: (date, alerts) => `${date}: ${alerts} cảnh báo.`,
};

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const EN: Phrasebook = {
  indicators: (count, label) => `${plural(count, 'indicator', 'indicators')} ${label}`,
  below: (alerts, units) => `${plural(alerts, 'alert', 'alerts')} in ${plural(units, 'unit', 'units')} below`,
  owned: (alerts) => `${plural(alerts, 'alert', 'alerts')} on indicators you own`,
  events: (counts) =>
    joinCounts([
      [counts.escalated, counts.escalated === 1 ? 'escalation' : 'escalations'],
      [counts.opened, counts.opened === 1 ? 'new alert' : 'new alerts'],
      [counts.reminder, counts.reminder === 1 ? 'reminder' : 'reminders'],
      [counts.resolved, 'resolved'],
    ]),
  greeting: (name) => `Dear ${name ?? 'colleague'},`,
  askFix: (what, unitName, by) =>
    `Please have ${unitName} remedy ${what} and send a remediation plan by ${by}.`,
  askReport: (what, unitName, by) => `Please report the figures of ${what} of ${unitName} by ${by}.`,
  askDirect: (what, by) => `Please see that the units concerned remedy ${what} by ${by}.`,
  askOwner: (what, by) => `Please follow up and guide the units to remedy ${what} by ${by}.`,
  answerByLink: 'Each alert has a link to acknowledge it and record the remediation plan.',
  answerByReply: 'Reply to this e-mail to acknowledge and send the remediation plan.',
  goodNews: (count, unitName) =>
    `Good news: ${plural(count, 'indicator', 'indicators')} of ${unitName} ${count === 1 ? 'is' : 'are'} back on course. Thank you; nothing more is needed.`,
  resolvedLabel: 'resolved',
  goodNewsBelow: (count) => `Good news: ${plural(count, 'alert', 'alerts')} of units below resolved.`,
  context: (programmeName, today) => `Programme: ${programmeName}. Figures as of ${today}.`,
  title: (event, audience) =>
    ({
      opened: 'NEW ALERT',
      reminder: 'REMINDER',
      escalated: audience === 'responsible' ? 'ESCALATED' : 'FOR YOUR DIRECTION',
      resolved: 'RESOLVED',
    })[event],
  replaced: (previousLabel) => `previously: ${previousLabel}`,
  latest: (value, date) => `Latest value: ${value} (on ${date})`,
  noReport: 'No value reported yet',
  neverReported: 'Has never reported; the first report is overdue',
  staleFor: (date, daysSince) => `Last report on ${date}, not updated for ${daysSince} days`,
  required: (value, gap) => `Required by the trajectory: ${value}; gap: ${gap}`,
  pace: (observed, required) => `Observed pace: ${observed}; required pace: ${required}`,
  paceUnknown: 'not enough data',
  noMoreMilestone: 'no milestone left',
  milestones: (list) => `Milestones: ${list}`,
  milestone: (label, verdict, detail) => `${label}: ${verdict}${detail ? ` (${detail})` : ''}`,
  milestoneLabel: (year) => `${year} milestone`,
  reached: (value, target) => `${value} against ${target}`,
  projected: (value) => `projected ${value}`,
  openSince: (date, daysOpen) => `Open since ${date} (${daysOpen} days).`,
  nowStatus: (status) => `Now: ${status}.`,
  sourceDown: (source, since, units, error) =>
    `No data has arrived from source "${source}" since ${since}${error ? ` (error: ${error})` : ''}; the overdue-report alerts of the ${units} unit(s) it feeds are held back until it works again.`,
  askSource: 'Please check the data source and contact its provider.',
  smsItemSourceDown: (source, since) => `data source ${source} down since ${since}`,
  operators: 'Operations',
  itemAskPlan: 'Asked: acknowledge with a remediation plan and a date.',
  itemAskReport: 'Asked: report the current value; if you cannot yet, acknowledge with a date.',
  acknowledgeAt: (link) => `Acknowledge at: ${link}`,
  replyToAcknowledge: 'Acknowledge by replying to this e-mail; reminders pause until the agreed date.',
  thanks: 'Thank you; nothing more is needed.',
  informed: (names) => `Also informed: ${names}.`,
  headOf: (unitName) => `head of ${unitName}`,
  dataContactOf: (unitName) => `data contact of ${unitName}`,
  ownerOf: (unitName) => `${unitName} (owner of the indicator)`,
  steering: 'the steering committee',
  more: (count, breakdown) => `${plural(count, 'more alert', 'more alerts')}: ${breakdown}.`,
  seeAll: (link) => `See them all at: ${link}`,
  seeDigest: 'See them all in the weekly digest.',
  rollUpBelowTitle: (alerts, units) =>
    `UNITS BELOW: ${plural(alerts, 'alert', 'alerts')} in ${plural(units, 'unit', 'units')}`,
  rollUpOwnedTitle: (alerts, units) =>
    `INDICATORS YOU OWN: ${plural(alerts, 'alert', 'alerts')} in ${plural(units, 'unit', 'units')}`,
  byStatus: (list) => `By status: ${list}.`,
  thisRun: (list) => `This run: ${list}.`,
  byBranch: (list) => `By unit directly below: ${list}.`,
  byIndicator: (list) => `By indicator: ${list}.`,
  otherUnits: (count) => plural(count, 'other unit', 'other units'),
  worst: 'Most in need of attention:',
  withChildren: (count) => `with ${plural(count, 'unit', 'units')} under it`,
  openDays: (days) => `open ${plural(days, 'day', 'days')}`,
  footer: '--\nAutomatic message from dtwatch. Reply to this e-mail with any question.',
  smsOn: (date, place, facts) => `On ${date}, ${place}: ${facts}.`,
  smsOnly: (date, facts) => `On ${date}: ${facts}.`,
  smsAskFix: 'Please remedy.',
  smsAskReport: 'Please report the figures.',
  smsAskDirect: 'Please follow up.',
  smsThanks: 'Thank you.',
  smsFooter: 'Details by e-mail.',
  smsEmailUnconfirmed: 'E-mail not confirmed: none sent.',
  smsMinimal: (date, alerts) => `${date}: ${plural(alerts, 'alert', 'alerts')}.`,
};

export const PHRASEBOOKS: Readonly<Record<Language, Phrasebook>> = { vi: VI, en: EN };

function joinCounts(parts: readonly (readonly [number, string])[]): string {
  return parts
    .filter(([count]) => count > 0)
    .map(([count, label]) => `${count} ${label}`)
    .join(', ');
}
