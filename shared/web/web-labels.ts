import type { AlertKind } from '../alerts/alert-kind.ts';
import type { Language } from '../messages/labels.ts';

/** Every word of the web app's pages (Vietnamese first); statuses and verdicts come from shared/messages/labels.ts. */
export interface WebLabels {
  readonly appName: string;
  readonly nav: {
    overview: string;
    alerts: string;
    health: string;
    digests: string;
    mutes: string;
    directory: string;
    signOut: string;
  };
  readonly language: string;
  readonly otherLanguage: string;
  readonly skip: string;
  readonly signIn: {
    title: string;
    intro: string;
    email: string;
    send: string;
    sent: string;
    confirm: string;
    button: string;
    refused: string;
    required: string;
  };
  readonly forbidden: { title: string; text: string };
  readonly notFound: { title: string; text: string };
  readonly overview: {
    title: string;
    scorecard: string;
    targetsMet: (met: number, total: number, year: string) => string;
    counts: string;
    trend: string;
    trendNone: string;
    week: string;
    league: string;
    rank: string;
    unit: string;
    score: string;
    series: string;
    behind: string;
    departments: string;
    formerDistricts: string;
    top: string;
    bottom: string;
  };
  readonly unit: {
    parent: string;
    children: string;
    indicator: string;
    status: string;
    latest: string;
    required: string;
    progress: string;
    verdicts: string;
    openAlerts: string;
    acknowledgements: string;
    timeline: string;
    /** The link to the timeline as CSV (the audit trail, as `dtwatch history --format csv`). */
    downloadCsv: string;
    none: string;
  };
  readonly series: {
    observations: string;
    date: string;
    value: string;
    receivedAt: string;
    revisions: string;
    earlier: string;
    quarantined: string;
    reason: string;
    source: string;
  };
  readonly alerts: {
    title: string;
    kind: Record<AlertKind, string>;
    state: Record<'open' | 'resolved', string>;
    filter: string;
    all: string;
    apply: string;
    openedAt: string;
    escalation: string;
    alert: string;
    acknowledged: string;
  };
  readonly ack: {
    title: string;
    plan: string;
    until: string;
    confidence: string;
    confidenceLevels: Record<'on_track' | 'at_risk' | 'off_track', string>;
    onBehalfOf: string;
    submit: string;
    checkIn: string;
    checkInSubmit: string;
    recorded: string;
    by: string;
    at: string;
    pauses: (until: string) => string;
    notAllowed: string;
    invalid: string;
  };
  readonly health: {
    title: string;
    sources: string;
    lastSuccess: string;
    lastRun: string;
    outcome: string;
    quarantine: string;
    unreachable: string;
    role: string;
    name: string;
    never: string;
    stale: string;
    noData: string;
  };
  readonly digests: { title: string; none: string; week: string; published: string };
  readonly trail: {
    notification: (message: string, channel: string, recipient: string) => string;
    basis: (value: string, date: string, required: string) => string;
    catalogVersion: string;
    mute: string;
    directory: string;
    removed: string;
  };
}

const VI: WebLabels = {
  appName: 'dtwatch — theo dõi chuyển đổi số',
  nav: {
    overview: 'Tổng quan',
    alerts: 'Cảnh báo',
    health: 'Dữ liệu',
    digests: 'Bản tin',
    mutes: 'Tạm dừng cảnh báo',
    directory: 'Danh bạ',
    signOut: 'Đăng xuất',
  },
  language: 'Tiếng Việt',
  otherLanguage: 'English',
  skip: 'Bỏ qua, tới nội dung chính',
  signIn: {
    title: 'Đăng nhập',
    intro:
      'Nhập địa chỉ e-mail đã đăng ký trong danh bạ; chúng tôi gửi một đường dẫn đăng nhập dùng một lần.',
    email: 'Địa chỉ e-mail',
    send: 'Gửi đường dẫn đăng nhập',
    sent: 'Nếu địa chỉ có trong danh bạ, đường dẫn đăng nhập đã được gửi. Đường dẫn hết hạn sau 15 phút.',
    confirm: 'Bấm nút dưới đây để đăng nhập.',
    button: 'Đăng nhập',
    refused: 'Đường dẫn đăng nhập không hợp lệ, đã hết hạn hoặc đã được dùng. Hãy xin một đường dẫn mới.',
    required: 'Cần đăng nhập để xem trang này.',
  },
  forbidden: { title: 'Không có quyền truy cập', text: 'Trang này nằm ngoài phạm vi của bạn.' },
  notFound: { title: 'Không tìm thấy', text: 'Không có trang ở địa chỉ này.' },
  overview: {
    title: 'Tổng quan',
    scorecard: 'Kết quả chỉ tiêu',
    targetsMet: (met, total, year) => `${met}/${total} chỉ tiêu đạt (mốc ${year})`,
    counts: 'Trạng thái các chỉ tiêu',
    trend: 'Diễn biến theo tuần',
    trendNone: 'Chưa có bản tin tuần nào được lưu.',
    week: 'Tuần',
    league: 'Bảng xếp hạng theo cấp',
    rank: 'Hạng',
    unit: 'Đơn vị',
    score: 'Đạt tiến độ',
    series: 'Chỉ tiêu',
    behind: 'Chậm',
    departments: 'Theo sở, ban, ngành',
    formerDistricts: 'Theo huyện cũ (trước 7/2025)',
    top: 'Dẫn đầu',
    bottom: 'Cuối bảng',
  },
  unit: {
    parent: 'Trực thuộc',
    children: 'Đơn vị trực thuộc',
    indicator: 'Chỉ tiêu',
    status: 'Trạng thái',
    latest: 'Số liệu mới nhất',
    required: 'Yêu cầu',
    progress: 'Mức tiến bộ',
    verdicts: 'Đánh giá các mốc',
    openAlerts: 'Cảnh báo đang mở',
    acknowledgements: 'Xác nhận và kế hoạch khắc phục',
    timeline: 'Diễn biến',
    downloadCsv: 'Tải CSV',
    none: 'Không có.',
  },
  series: {
    observations: 'Số liệu',
    date: 'Ngày',
    value: 'Giá trị',
    receivedAt: 'Nhận lúc',
    revisions: 'Lịch sử điều chỉnh',
    earlier: 'Giá trị trước',
    quarantined: 'Dòng bị tạm giữ',
    reason: 'Lý do',
    source: 'Nguồn',
  },
  alerts: {
    title: 'Cảnh báo',
    kind: {
      behind: 'Chậm tiến độ',
      stale: 'Thiếu báo cáo',
      missing: 'Chưa báo cáo lần nào',
      at_risk: 'Có nguy cơ',
      source_down: 'Nguồn số liệu gián đoạn',
    },
    state: { open: 'Đang mở', resolved: 'Đã xử lý' },
    filter: 'Lọc',
    all: 'Tất cả',
    apply: 'Áp dụng',
    openedAt: 'Mở lúc',
    escalation: 'Mức báo cáo lên',
    alert: 'Cảnh báo',
    acknowledged: 'Đã xác nhận đến',
  },
  ack: {
    title: 'Xác nhận và kế hoạch khắc phục',
    plan: 'Kế hoạch khắc phục',
    until: 'Hạn hoàn thành',
    confidence: 'Mức tự tin',
    confidenceLevels: { on_track: 'Đúng tiến độ', at_risk: 'Có nguy cơ', off_track: 'Chệch tiến độ' },
    onBehalfOf: 'Thay mặt (văn phòng ghi nhận hộ)',
    submit: 'Gửi xác nhận',
    checkIn: 'Cập nhật tiến độ',
    checkInSubmit: 'Gửi cập nhật',
    recorded: 'Đã ghi nhận.',
    by: 'Người ghi',
    at: 'Lúc',
    pauses: (until) => `Nhắc nhở tạm dừng đến hết ngày ${until}.`,
    notAllowed: 'Bạn chỉ xem được cảnh báo này; việc xác nhận do lãnh đạo đơn vị hoặc văn phòng thực hiện.',
    invalid: 'Biểu mẫu chưa hợp lệ',
  },
  health: {
    title: 'Tình trạng dữ liệu',
    sources: 'Nguồn dữ liệu',
    lastSuccess: 'Lần thành công gần nhất',
    lastRun: 'Lần chạy gần nhất',
    outcome: 'Kết quả',
    quarantine: 'Dòng bị tạm giữ gần đây',
    unreachable: 'Người không liên lạc được',
    role: 'Vai trò',
    name: 'Họ tên',
    never: 'chưa có',
    stale: 'Chỉ tiêu thiếu báo cáo',
    noData: 'Chỉ tiêu chưa có số liệu',
  },
  digests: { title: 'Bản tin tuần', none: 'Chưa có bản tin nào.', week: 'Tuần', published: 'Phát hành lúc' },
  trail: {
    notification: (message, channel, recipient) =>
      `Đã gửi ${message === 'digest' ? 'bản tin' : 'cảnh báo'} qua ${channel === 'sms' ? 'SMS' : 'e-mail'} tới ${recipient}`,
    basis: (value, date, required) => `số liệu ${value} (ngày ${date}), yêu cầu ${required}`,
    catalogVersion: 'phiên bản danh mục',
    mute: 'Tạm tắt cảnh báo',
    directory: 'Thay đổi danh bạ',
    removed: 'Gỡ xác nhận',
  },
};

const EN: WebLabels = {
  appName: 'dtwatch — digital transformation watch',
  nav: {
    overview: 'Overview',
    alerts: 'Alerts',
    health: 'Data health',
    digests: 'Digests',
    mutes: 'Mutes',
    directory: 'Directory',
    signOut: 'Sign out',
  },
  language: 'English',
  otherLanguage: 'Tiếng Việt',
  skip: 'Skip to main content',
  signIn: {
    title: 'Sign in',
    intro: 'Enter the e-mail address the directory holds for you; we send a single-use sign-in link.',
    email: 'E-mail address',
    send: 'Send a sign-in link',
    sent: 'If the address is in the directory, a sign-in link is on its way. It expires in 15 minutes.',
    confirm: 'Press the button below to sign in.',
    button: 'Sign in',
    refused: 'This sign-in link is invalid, expired or already used. Ask for a new one.',
    required: 'Sign in to see this page.',
  },
  forbidden: { title: 'Forbidden', text: 'This page is outside what you may see.' },
  notFound: { title: 'Not found', text: 'There is no page at this address.' },
  overview: {
    title: 'Overview',
    scorecard: 'Targets',
    targetsMet: (met, total, year) => `${met}/${total} targets met (milestone ${year})`,
    counts: 'Series by status',
    trend: 'Week by week',
    trendNone: 'No weekly digest has been recorded yet.',
    week: 'Week',
    league: 'League table by level',
    rank: 'Rank',
    unit: 'Unit',
    score: 'On track',
    series: 'Series',
    behind: 'Behind',
    departments: 'By department',
    formerDistricts: 'By former district (before 07/2025)',
    top: 'Top',
    bottom: 'Bottom',
  },
  unit: {
    parent: 'Part of',
    children: 'Units under it',
    indicator: 'Indicator',
    status: 'Status',
    latest: 'Latest value',
    required: 'Required',
    progress: 'Progress class',
    verdicts: 'Milestone verdicts',
    openAlerts: 'Open alerts',
    acknowledgements: 'Acknowledgements and remediation plans',
    timeline: 'Timeline',
    downloadCsv: 'Download CSV',
    none: 'None.',
  },
  series: {
    observations: 'Observations',
    date: 'Date',
    value: 'Value',
    receivedAt: 'Received',
    revisions: 'Revision history',
    earlier: 'Earlier value',
    quarantined: 'Quarantined rows',
    reason: 'Reason',
    source: 'Source',
  },
  alerts: {
    title: 'Alerts',
    kind: {
      behind: 'Behind',
      stale: 'Missing report',
      missing: 'Never reported',
      at_risk: 'At risk',
      source_down: 'Data source down',
    },
    state: { open: 'Open', resolved: 'Resolved' },
    filter: 'Filter',
    all: 'All',
    apply: 'Apply',
    openedAt: 'Opened',
    escalation: 'Escalation level',
    alert: 'Alert',
    acknowledged: 'Acknowledged until',
  },
  ack: {
    title: 'Acknowledgement and remediation plan',
    plan: 'Remediation plan',
    until: 'Due date',
    confidence: 'Confidence',
    confidenceLevels: { on_track: 'On track', at_risk: 'At risk', off_track: 'Off track' },
    onBehalfOf: 'On behalf of (the office records it)',
    submit: 'Acknowledge',
    checkIn: 'Check in',
    checkInSubmit: 'Send check-in',
    recorded: 'Recorded.',
    by: 'By',
    at: 'At',
    pauses: (until) => `Reminders pause until the end of ${until}.`,
    notAllowed: "You may view this alert; the unit's head or the office acknowledges it.",
    invalid: 'The form is not valid',
  },
  health: {
    title: 'Data health',
    sources: 'Sources',
    lastSuccess: 'Last success',
    lastRun: 'Last run',
    outcome: 'Outcome',
    quarantine: 'Recently quarantined rows',
    unreachable: 'People who cannot be reached',
    role: 'Role',
    name: 'Name',
    never: 'never',
    stale: 'Series missing reports',
    noData: 'Series without data',
  },
  digests: { title: 'Weekly digests', none: 'No digest yet.', week: 'Week', published: 'Published' },
  trail: {
    notification: (message, channel, recipient) =>
      `Sent the ${message === 'digest' ? 'digest' : 'alert'} by ${channel === 'sms' ? 'SMS' : 'e-mail'} to ${recipient}`,
    basis: (value, date, required) => `value ${value} (dated ${date}), required ${required}`,
    catalogVersion: 'catalog version',
    mute: 'Alerts muted',
    directory: 'Directory change',
    removed: 'Acknowledgement removed',
  },
};

export const WEB_LABELS: Record<Language, WebLabels> = { vi: VI, en: EN };
