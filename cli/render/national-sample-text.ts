import type { Language } from '../../shared/style/language.ts';
import { formatDecimal } from '../../shared/style/numbers.ts';

/** What `npm start -- --national-sample` adds up over the provincial programmes it ran. */
export interface NationalSampleTotals {
  readonly programmes: number;
  readonly series: number;
  readonly ran: number;
  readonly failed: readonly string[];
  readonly opened: number;
  readonly reminded: number;
  readonly escalated: number;
  readonly resolved: number;
  readonly email: number;
  readonly sms: number;
  readonly outbox: string;
  readonly seconds: number;
}

/** Every line `npm start -- --national-sample` writes, in Vietnamese and English. */
export interface NationalSamplePhrasebook {
  /** One programme done: `sample-42: ok` / `sample-42: failed (reason)`. */
  readonly outcome: (programme: string, ok: boolean, problems: readonly string[]) => string;
  readonly summary: (totals: NationalSampleTotals) => string[];
}

const count = (value: number, language: Language) => formatDecimal(value, 0, language);

const VI: NationalSamplePhrasebook = {
  outcome: (programme, ok, problems) =>
    `${programme}: ${ok ? 'xong' : 'lỗi'}${problems.length > 0 ? ` (${problems.join('; ')})` : ''}`,
  summary: (t) => [
    'DỮ LIỆU MẪU — sinh ra để trình diễn, không phải số liệu chính thức; chỉ tiêu là mẫu, đánh dấu SAMPLE.',
    `${count(t.programmes, 'vi')} chương trình, ${count(t.series, 'vi')} chuỗi số liệu; ` +
      `${count(t.ran, 'vi')} chạy xong, ${count(t.failed.length, 'vi')} lỗi${t.failed.length > 0 ? ` (${t.failed.join(', ')})` : ''}.`,
    `Cảnh báo: ${count(t.opened, 'vi')} mở mới, ${count(t.reminded, 'vi')} nhắc lại, ${count(t.escalated, 'vi')} báo cấp trên, ` +
      `${count(t.resolved, 'vi')} đã khắc phục; đã gửi ${count(t.email, 'vi')} e-mail và ${count(t.sms, 'vi')} SMS (hộp thư đi: ${t.outbox}).`,
    `Xong sau ${formatDecimal(t.seconds, 1, 'vi')} giây.`,
  ],
};

const EN: NationalSamplePhrasebook = {
  outcome: (programme, ok, problems) =>
    `${programme}: ${ok ? 'ok' : 'failed'}${problems.length > 0 ? ` (${problems.join('; ')})` : ''}`,
  summary: (t) => [
    'SAMPLE DATA — generated for the demo, not official figures; targets are templates marked SAMPLE.',
    `${count(t.programmes, 'en')} programmes, ${count(t.series, 'en')} series; ` +
      `${count(t.ran, 'en')} ran, ${count(t.failed.length, 'en')} failed${t.failed.length > 0 ? ` (${t.failed.join(', ')})` : ''}.`,
    `Alerts: ${count(t.opened, 'en')} opened, ${count(t.reminded, 'en')} reminded, ${count(t.escalated, 'en')} escalated, ` +
      `${count(t.resolved, 'en')} resolved; sent ${count(t.email, 'en')} e-mail and ${count(t.sms, 'en')} SMS (outbox: ${t.outbox}).`,
    `Finished in ${formatDecimal(t.seconds, 1, 'en')} s.`,
  ],
};

export const NATIONAL_SAMPLE_TEXT: Readonly<Record<Language, NationalSamplePhrasebook>> = { vi: VI, en: EN };
