import type { Language } from '../../shared/style/language.ts';

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
  // Typed as the other hints under the dashboard, from the repository root.
  const quarantineHint = `npm run dtwatch -- quarantine list --catalog ${facts.catalogPath} --data-dir ${facts.dataDir}`;
  const { alerts } = facts;
  const lines = [
    vi
      ? 'SỐ LIỆU MẪU: tạo ra để trình diễn, không phải số liệu chính thức. Thông tin liên hệ là giả định.'
      : "SAMPLE DATA — generated for the demo, not official figures. Heads' contacts are placeholders.",
    vi
      ? `Đã lưu ${facts.stored} số liệu mới (${facts.unchanged} đã có từ trước), cách ly ${facts.quarantined} dòng lỗi (xem: ${quarantineHint}).`
      : `Stored ${facts.stored} new observations (${facts.unchanged} already stored), quarantined ${facts.quarantined} bad rows (see: ${quarantineHint}).`,
    vi
      ? `Cảnh báo: ${alerts.opened} mới, ${alerts.reminded} nhắc lại, ${alerts.escalated} báo cấp trên, ${alerts.resolved} đã khắc phục.`
      : `Alerts: ${alerts.opened} opened, ${alerts.reminded} reminded, ${alerts.escalated} escalated, ${alerts.resolved} resolved.`,
    vi
      ? `Đã gửi: ${facts.alertEmails} email cảnh báo, ${facts.alertSms} SMS cảnh báo, ${facts.digestEmails} email bản tin tuần; tổng ${facts.alertEmails + facts.alertSms + facts.digestEmails} tin.`
      : `Sent: ${facts.alertEmails} alert e-mail(s), ${facts.alertSms} alert SMS, ${facts.digestEmails} digest e-mail(s); ${facts.alertEmails + facts.alertSms + facts.digestEmails} message(s) in all.`,
  ];
  if (facts.held > 0) {
    lines.push(
      vi
        ? `Giữ lại ${facts.held} SMS trong giờ yên tĩnh: sẽ gửi ở lần chạy đầu tiên từ ${facts.heldUntil ?? '?'}.`
        : `Held ${facts.held} SMS for the quiet hours: the first run from ${facts.heldUntil ?? '?'} sends them.`,
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
