import type { Language } from '../../shared/messages/labels.ts';

/** Every word `dtwatch simulate` prints, in Vietnamese and English. */
export interface SimulatePhrasebook {
  readonly locale: string;
  readonly sampleNote: string;
  readonly title: (programme: string, from: string, to: string, weeks: number) => string;
  /** The scope's name in the title when the national sample's provinces run together. */
  readonly nationalSample: string;
  readonly progress: string;
  readonly columns: {
    readonly week: string;
    readonly date: string;
    readonly stored: string;
    readonly quarantined: string;
    readonly opened: string;
    readonly reminded: string;
    readonly escalated: string;
    readonly resolved: string;
    readonly retired: string;
    readonly open: string;
    readonly sent: string;
    readonly digest: string;
  };
  readonly notPublished: string;
  readonly totals: string;
  readonly total: string;
  readonly what: string;
  readonly totalRows: {
    readonly stored: string;
    readonly quarantined: string;
    readonly opened: string;
    readonly reminded: string;
    readonly escalated: string;
    readonly resolved: string;
    readonly retired: string;
    readonly sent: string;
    readonly deferred: string;
    readonly digests: string;
    readonly digestSent: string;
    readonly openAtEnd: string;
  };
  readonly statusTitle: (date: string) => string;
  readonly status: string;
  readonly series: string;
  readonly longestTitle: string;
  readonly noOpenAlerts: string;
  readonly unit: string;
  readonly alerts: string;
  readonly oldest: string;
  readonly since: string;
  readonly daysOpen: string;
  readonly level: string;
  readonly outbox: (path: string) => string;
  readonly digests: (path: string) => string;
  readonly finished: (seconds: string) => string;
}

const VI: SimulatePhrasebook = {
  locale: 'vi-VN',
  sampleNote: 'DỮ LIỆU MẪU — sinh ra để trình diễn, không phải số liệu chính thức.',
  title: (programme, from, to, weeks) => `Mô phỏng ${weeks} tuần theo dõi ${programme}: từ ${from} đến ${to}`,
  nationalSample: 'mẫu toàn quốc (các tỉnh chạy cùng nhau)',
  progress: 'Đang mô phỏng',
  columns: {
    week: 'tuần',
    date: 'ngày chạy',
    stored: 'số liệu mới',
    quarantined: 'dòng lỗi',
    opened: 'mở mới',
    reminded: 'nhắc lại',
    escalated: 'chuyển cấp trên',
    resolved: 'đã khắc phục',
    retired: 'đóng do sắp xếp',
    open: 'đang mở',
    sent: 'tin gửi',
    digest: 'bản tin',
  },
  notPublished: '(chưa có)',
  totals: 'Tổng cộng',
  total: 'tổng',
  what: 'nội dung',
  totalRows: {
    stored: 'số liệu mới được lưu',
    quarantined: 'dòng lỗi đưa vào cách ly',
    opened: 'cảnh báo mở mới',
    reminded: 'lần nhắc lại',
    escalated: 'lần chuyển lên cấp trên',
    resolved: 'cảnh báo đã khắc phục',
    retired: 'cảnh báo đóng do sắp xếp đơn vị',
    sent: 'tin cảnh báo đã gửi (SMS + e-mail)',
    deferred: 'SMS hoãn do giờ yên lặng',
    digests: 'bản tin tuần đã phát hành',
    digestSent: 'e-mail bản tin gửi Ban chỉ đạo',
    openAtEnd: 'cảnh báo còn mở cuối kỳ',
  },
  statusTitle: (date) => `Tình trạng các chỉ tiêu ngày ${date}`,
  status: 'tình trạng',
  series: 'số chỉ tiêu',
  longestTitle: 'Đơn vị có cảnh báo mở lâu nhất',
  noOpenAlerts: 'Không còn cảnh báo nào đang mở.',
  unit: 'đơn vị',
  alerts: 'cảnh báo mở',
  oldest: 'cảnh báo lâu nhất',
  since: 'mở từ',
  daysOpen: 'số ngày',
  level: 'mức báo cáo',
  outbox: (path) => `Hộp thư đi (outbox): ${path}`,
  digests: (path) => `Bản tin tuần:        ${path}`,
  finished: (seconds) => `Hoàn tất sau ${seconds} giây.`,
};

const EN: SimulatePhrasebook = {
  locale: 'en-GB',
  sampleNote: 'SAMPLE DATA — generated for the demo, not official figures.',
  title: (programme, from, to, weeks) =>
    `Simulation of ${weeks} monitoring week(s) of ${programme}: ${from} to ${to}`,
  nationalSample: 'the national sample (provinces run together)',
  progress: 'Simulating',
  columns: {
    week: 'week',
    date: 'run on',
    stored: 'new data',
    quarantined: 'bad rows',
    opened: 'opened',
    reminded: 'reminded',
    escalated: 'escalated',
    resolved: 'resolved',
    retired: 'retired',
    open: 'open',
    sent: 'messages',
    digest: 'digest',
  },
  notPublished: '(none)',
  totals: 'Totals',
  total: 'total',
  what: 'what',
  totalRows: {
    stored: 'observations stored (new or revised)',
    quarantined: 'rows quarantined',
    opened: 'alerts opened',
    reminded: 'reminders',
    escalated: 'escalations',
    resolved: 'alerts resolved',
    retired: 'alerts retired by the reorganisation',
    sent: 'alert messages sent (SMS + e-mail)',
    deferred: 'SMS deferred by quiet hours',
    digests: 'weekly digests published',
    digestSent: 'digest e-mails to the steering committee',
    openAtEnd: 'alerts open at the end',
  },
  statusTitle: (date) => `Series by status on ${date}`,
  status: 'status',
  series: 'series',
  longestTitle: 'Units with the longest-open alerts',
  noOpenAlerts: 'No alert is open.',
  unit: 'unit',
  alerts: 'open alerts',
  oldest: 'oldest alert',
  since: 'open since',
  daysOpen: 'days',
  level: 'escalation',
  outbox: (path) => `Outbox:  ${path}`,
  digests: (path) => `Digests: ${path}`,
  finished: (seconds) => `Finished in ${seconds} s.`,
};

export const SIMULATE_TEXT: Record<Language, SimulatePhrasebook> = { vi: VI, en: EN };
