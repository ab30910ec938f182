import type { Language } from '../../shared/style/language.ts';
import { formatDecimal } from '../../shared/style/numbers.ts';

/** What one local monitoring cycle did, for the lines under the dashboard. */
export interface CycleFacts {
  readonly stored: number;
  readonly unchanged: number;
  readonly quarantined: number;
  readonly catalogPath: string;
  /** The run's data folder (absolute): hints name it, or they would look in the default one. */
  readonly dataDir: string;
  readonly alerts: {
    readonly opened: number;
    readonly reminded: number;
    readonly escalated: number;
    readonly resolved: number;
  };
  /** Alert messages written this run (the digest's are counted apart). */
  readonly alertEmails: number;
  readonly alertSms: number;
  readonly digestEmails: number;
  /** SMS held by the quiet hours, and when the first run after them may send them. */
  readonly held: number;
  readonly heldUntil?: string;
  /** Absolute paths. */
  readonly outbox: string;
  readonly digest: { readonly location?: string; readonly week: string; readonly isNew: boolean };
  readonly nothingNew: boolean;
  readonly web?: { readonly serveCommand: string; readonly baseUrl: string; readonly link: string };
  readonly seconds: string;
}

/** The footer of `npm start`, in the dashboard's language (every line, so `--lang vi` is whole). */
export function cycleNotes(facts: CycleFacts, language: Language): string[] {
  const vi = language === 'vi';
  // Counts in the language's notation: 24.008 in Vietnamese, 24,008 in English.
  const n = (count: number) => formatDecimal(count, 0, language);
  // Typed as the other hints under the dashboard, from the repository root.
  const quarantineHint = `npm run dtwatch -- quarantine list --catalog ${facts.catalogPath} --data-dir ${facts.dataDir}`;
  const { alerts } = facts;
  const lines = [
    vi
      ? 'SỐ LIỆU MẪU: tạo ra để trình diễn, không phải số liệu chính thức. Thông tin liên hệ là giả định.'
      : "SAMPLE DATA — generated for the demo, not official figures. Heads' contacts are placeholders.",
    vi
      ? `Đã lưu ${n(facts.stored)} số liệu mới (${n(facts.unchanged)} đã có từ trước), cách ly ${n(facts.quarantined)} dòng lỗi (xem: ${quarantineHint}).`
      : `Stored ${n(facts.stored)} new observations (${n(facts.unchanged)} already stored), quarantined ${n(facts.quarantined)} bad rows (see: ${quarantineHint}).`,
    vi
      ? `Cảnh báo: ${n(alerts.opened)} mới, ${n(alerts.reminded)} nhắc lại, ${n(alerts.escalated)} báo cấp trên, ${n(alerts.resolved)} đã khắc phục.`
      : `Alerts: ${n(alerts.opened)} opened, ${n(alerts.reminded)} reminded, ${n(alerts.escalated)} escalated, ${n(alerts.resolved)} resolved.`,
    vi
      ? `Đã gửi: ${n(facts.alertEmails)} email cảnh báo, ${n(facts.alertSms)} SMS cảnh báo, ${n(facts.digestEmails)} email bản tin tuần; tổng ${n(facts.alertEmails + facts.alertSms + facts.digestEmails)} tin.`
      : `Sent: ${n(facts.alertEmails)} alert e-mail(s), ${n(facts.alertSms)} alert SMS, ${n(facts.digestEmails)} digest e-mail(s); ${n(facts.alertEmails + facts.alertSms + facts.digestEmails)} message(s) in all.`,
  ];
  if (facts.held > 0) {
    lines.push(
      vi
        ? `Giữ lại ${n(facts.held)} SMS trong giờ yên tĩnh: sẽ gửi ở lần chạy đầu tiên từ ${facts.heldUntil ?? '?'}.`
        : `Held ${n(facts.held)} SMS for the quiet hours: the first run from ${facts.heldUntil ?? '?'} sends them.`,
    );
  }
  lines.push(
    `${vi ? 'Hộp thư đi' : 'Outbox'}:  ${facts.outbox}`,
    `${vi ? 'Bản tin tuần' : 'Digest'}:  ${facts.digest.location ?? (vi ? '(chưa xuất bản)' : '(not published)')} (${facts.digest.week}, ${
      facts.digest.isNew ? (vi ? 'mới' : 'new') : vi ? 'đã xuất bản trước đó' : 'already published'
    })`,
  );
  if (facts.nothingNew) {
    lines.push(
      vi
        ? 'Không có gì mới từ lần chạy trước trong ngày: không thêm số liệu, không gửi tin nào.'
        : 'Nothing new since the last run today: no observation added, no message sent.',
    );
  }
  if (facts.web) {
    lines.push(
      vi
        ? `Ứng dụng web: chạy  ${facts.web.serveCommand}  rồi mở ${facts.web.baseUrl}`
        : `Web app: run  ${facts.web.serveCommand}  then open ${facts.web.baseUrl}`,
      vi
        ? `Đăng nhập với tư cách thành viên Ban Chỉ đạo mẫu (liên kết dùng một lần, hiệu lực 15 phút): ${facts.web.link}`
        : `Sign in as the sample committee member (link valid 15 minutes, single use): ${facts.web.link}`,
    );
  }
  lines.push(vi ? `Hoàn thành trong ${facts.seconds} giây.` : `Finished in ${facts.seconds} s.`);
  return lines;
}
