import type { AlertKind } from '../alerts/alert-kind.ts';
import type { SeriesStatus } from '../domain/series-status.ts';
import { type Language, STATUS_LABELS, VERDICT_LABELS } from '../messages/labels.ts';
import { rankText } from '../messages/rank-text.ts';

/** Every word the digest prints, in both languages, in one place. Status and verdict names come
 * from shared/messages/labels.ts so the digest, the CLI and the alerts say the same thing. */
export interface DigestLabels {
  readonly language: Language;
  readonly locale: string;
  readonly decisions: string;
  readonly noDecisions: string;
  readonly decisionMissed: (indicator: string, level: string, date: string) => string;
  readonly decisionUnlikely: (indicator: string, level: string, date: string) => string;
  readonly decisionPlanOverdue: (indicator: string, unit: string, days: number) => string;
  readonly figureAgainst: (figure: string, target: string) => string;
  readonly owners: (names: string, others: number) => string;
  readonly statusMeaning: string;
  readonly statusDefinitions: Record<SeriesStatus, string>;
  readonly movement: string;
  readonly perIndicator: string;
  readonly perIndicatorNote: string;
  readonly distribution: (level: string) => string;
  readonly unitsAxis: string;
  readonly valueAxis: (measure: string | undefined) => string;
  readonly weeksAxis: string;
  readonly weeklyTrend: (level: string) => string;
  readonly levelMean: string;
  readonly requiredMean: string;
  readonly unitsWithoutValue: (count: number) => string;
  readonly invertedAxis: string;
  readonly leagueRest: (count: number) => string;
  readonly leagueRestLink: string;
  readonly sparkScale: string;
  readonly sameTimeAxis: string;
  readonly targetsFine: (count: number) => string;
  readonly status: Record<SeriesStatus, string>;
  readonly verdict: (typeof VERDICT_LABELS)[Language];
  readonly alertKind: Record<AlertKind, string>;
  readonly levels: Readonly<Record<string, string>>;
  readonly title: string;
  readonly weekOf: (week: string, monday: string, sunday: string) => string;
  readonly asOf: (date: string) => string;
  readonly headline: string;
  readonly totalSeries: (count: number) => string;
  readonly sinceLastWeek: string;
  readonly noComparison: string;
  readonly league: string;
  readonly leagueNote: string;
  readonly rank: string;
  readonly unit: string;
  readonly unitId: string;
  readonly level: string;
  readonly score: string;
  readonly change: string;
  readonly series: string;
  readonly shortfall: string;
  readonly trend: string;
  readonly previousScore: string;
  readonly moversUp: string;
  readonly moversDown: string;
  readonly noMovers: string;
  readonly heatmap: string;
  readonly alerts: string;
  readonly opened: string;
  readonly escalated: string;
  readonly resolved: string;
  readonly openAtEnd: (count: number) => string;
  readonly ageBucket: (fromDays: number, toDays: number | null) => string;
  readonly escalationLevel: (level: number) => string;
  /** Marks an alert a mute holds back. */
  readonly muted: string;
  readonly acknowledgements: string;
  readonly overdueAcknowledgements: string;
  readonly allIndicators: string;
  readonly due: string;
  readonly by: string;
  readonly plan: string;
  readonly daysOverdue: (count: number) => string;
  readonly milestones: string;
  readonly indicator: string;
  readonly milestoneDate: string;
  readonly target: string;
  readonly dataHealth: string;
  readonly staleSeries: string;
  readonly noDataSeries: string;
  readonly lastReport: string;
  /** A series overdue for its first report. */
  readonly neverReported: string;
  readonly daysSince: (count: number) => string;
  readonly failingSources: string;
  readonly quarantinedRows: (count: number) => string;
  readonly trajectories: string;
  readonly required: string;
  readonly actual: string;
  readonly milestone: string;
  readonly scopeUnit: (unitName: string) => string;
  readonly dissolved: string;
  readonly dissolvedNote: string;
  readonly dissolvedGroup: (date: string, level: string, units: number) => string;
  readonly behindWhenDissolved: string;
  /** "hạng 7/34": a rank with how many were ranked on its date. */
  readonly rankOf: (value: number, outOf: number) => string;
  readonly scopeLevelMean: (level: string, units: number) => string;
  readonly none: string;
  readonly andMore: (count: number) => string;
  readonly reportLink: string;
  readonly fullReport: string;
  readonly generated: (instant: string) => string;
  readonly sourceOutcome: Record<'failed' | 'partial', string>;
  readonly rowsRejected: (count: number) => string;
}

const EN: DigestLabels = {
  language: 'en',
  locale: 'en-GB',
  decisions: 'Decisions needed',
  noDecisions: 'Nothing needs a decision this week.',
  decisionMissed: (indicator, level, date) => `${indicator} (${level}): missed the ${date} milestone`,
  decisionUnlikely: (indicator, level, date) =>
    `${indicator} (${level}): unlikely to meet the ${date} milestone`,
  decisionPlanOverdue: (indicator, unit, days) =>
    `${unit}: remediation plan for ${indicator} is ${days} day(s) past its date`,
  figureAgainst: (figure, target) => `${figure} against ${target} required`,
  owners: (names, others) => `To act: ${names}${others > 0 ? ` and ${others} more unit(s)` : ''}`,
  statusMeaning: 'What the statuses mean',
  statusDefinitions: {
    achieved: 'the final target is reached',
    on_track: 'at or above the value the trajectory requires today',
    at_risk: 'below the required value, within the tolerance',
    behind: 'below the required value, beyond the tolerance',
    stale: 'the latest report is older than the reporting deadline allows',
    no_data: 'nothing reported yet, the first report is not due yet',
  },
  movement: 'since last week',
  perIndicator: 'Each indicator: distribution and the last 12 weeks',
  perIndicatorNote:
    'Left: how many units stand at each value (colour = status). Right: the mean reported and the mean required value at each Sunday of the last 12 weeks; every trend shares the same weeks.',
  distribution: (level) => `${level} by latest value`,
  unitsAxis: 'units',
  valueAxis: (measure) => (measure ? `value (${measure})` : 'value'),
  weeksAxis: 'week ending (Sunday)',
  weeklyTrend: (level) => `Mean of ${level}, last 12 weeks`,
  levelMean: 'mean reported',
  requiredMean: 'mean required',
  unitsWithoutValue: (count) => `${count} unit(s) without a value`,
  invertedAxis: 'Vertical axis inverted: rank 1 is at the top, so up is always better.',
  leagueRest: (count) => `${count} more unit(s) in between`,
  leagueRestLink: 'see every unit in the web app',
  sparkScale: 'Score over the last 12 months, scale 0–100%',
  sameTimeAxis: 'All charts share the same time axis.',
  targetsFine: (count) => `${count} other target(s) met or on course: listed in the full report.`,
  status: STATUS_LABELS.en,
  verdict: VERDICT_LABELS.en,
  alertKind: {
    behind: 'behind',
    stale: 'report overdue',
    missing: 'never reported',
    at_risk: 'at risk',
    source_down: 'data source down',
  },
  levels: {
    province: 'Province',
    department: 'Departments',
    district: 'Districts',
    commune: 'Communes and wards',
  },
  title: 'Weekly digest',
  weekOf: (week, monday, sunday) => `Week ${week} (${monday} to ${sunday})`,
  asOf: (date) => `Status as of ${date}`,
  headline: 'Series by status',
  totalSeries: (count) => `${count} series`,
  sinceLastWeek: 'since last week',
  noComparison: 'No digest for last week: no changes shown.',
  league: 'League table',
  leagueNote:
    'Score = share of the unit’s series on track or achieved. Ties: fewer behind, then smaller total shortfall, then unit code.',
  rank: '#',
  unit: 'Unit',
  unitId: 'Code',
  level: 'Level',
  score: 'Score',
  change: 'Change',
  series: 'Series',
  shortfall: 'Shortfall',
  trend: 'Last 12 months',
  previousScore: 'Last week',
  moversUp: 'Up since last week',
  moversDown: 'Down since last week',
  noMovers: 'No movement',
  heatmap: 'Status by unit and indicator',
  alerts: 'Alerts this week',
  opened: 'Opened',
  escalated: 'Escalated',
  resolved: 'Resolved',
  openAtEnd: (count) => `${count} alert(s) open at the end of the week, by age:`,
  ageBucket: (from, to) => (to === null ? `${from}+ days` : `${from}–${to - 1} days`),
  escalationLevel: (level) => `escalation level ${level}`,
  muted: 'muted',
  acknowledgements: 'Acknowledged, with a plan',
  overdueAcknowledgements: 'Plans past their due date',
  allIndicators: 'all indicators',
  due: 'due',
  by: 'by',
  plan: 'Plan',
  daysOverdue: (count) => `${count} day(s) overdue`,
  milestones: 'Milestone verdicts',
  indicator: 'Indicator',
  milestoneDate: 'Milestone',
  target: 'Target',
  dataHealth: 'Data health',
  staleSeries: 'Series with overdue reports',
  noDataSeries: 'Series with no data yet',
  lastReport: 'last report',
  neverReported: 'has never reported',
  daysSince: (count) => `${count} days ago`,
  failingSources: 'Sources whose last run failed or was partial',
  quarantinedRows: (count) => `${count} row(s) quarantined this week`,
  trajectories: 'Province-wide picture per indicator',
  required: 'required',
  actual: 'reported',
  milestone: 'milestone',
  scopeUnit: (unitName) => unitName,
  dissolved: 'Dissolved units',
  dissolvedNote:
    'Final record of each unit dissolved by the reorganisation: its series and milestones as of its last day.',
  dissolvedGroup: (date, level, units) => `${units} unit(s) (${level}), last day ${date}`,
  behindWhenDissolved: 'Behind on their last day',
  rankOf: (value, outOf) => rankText('en', value, outOf),
  scopeLevelMean: (level, units) => `mean of ${units} unit(s), level ${level}`,
  none: 'none',
  andMore: (count) => `… and ${count} more`,
  reportLink: 'Full report (charts)',
  fullReport: 'See the full report for the complete list.',
  generated: (instant) => `Generated ${instant}`,
  sourceOutcome: { failed: 'failed', partial: 'partial' },
  rowsRejected: (count) => `${count} row(s) rejected`,
};

const VI: DigestLabels = {
  language: 'vi',
  locale: 'vi-VN',
  decisions: 'Cần chỉ đạo',
  noDecisions: 'Tuần này không có nội dung cần Ban Chỉ đạo quyết định.',
  decisionMissed: (indicator, level, date) => `${indicator} (${level}): không đạt mốc ${date}`,
  decisionUnlikely: (indicator, level, date) => `${indicator} (${level}): khó đạt mốc ${date}`,
  decisionPlanOverdue: (indicator, unit, days) =>
    `${unit}: kế hoạch khắc phục ${indicator} quá hạn ${days} ngày`,
  figureAgainst: (figure, target) => `${figure}, yêu cầu ${target}`,
  owners: (names, others) => `Đơn vị cần khắc phục: ${names}${others > 0 ? ` và ${others} đơn vị khác` : ''}`,
  statusMeaning: 'Cách hiểu tình trạng',
  statusDefinitions: {
    achieved: 'đã đạt mục tiêu cuối cùng',
    on_track: 'bằng hoặc cao hơn mức lộ trình yêu cầu đến nay',
    at_risk: 'thấp hơn mức yêu cầu nhưng trong phạm vi dung sai',
    behind: 'thấp hơn mức yêu cầu, vượt phạm vi dung sai',
    stale: 'báo cáo gần nhất đã cũ hơn thời hạn cập nhật',
    no_data: 'chưa có số liệu, chưa đến hạn báo cáo đầu tiên',
  },
  movement: 'so với tuần trước',
  perIndicator: 'Từng chỉ tiêu: phân bố và diễn biến 12 tuần',
  perIndicatorNote:
    'Bên trái: số đơn vị ở từng mức giá trị (màu theo tình trạng). Bên phải: giá trị trung bình thực tế và trung bình yêu cầu vào Chủ nhật của 12 tuần gần nhất; mọi biểu đồ diễn biến dùng chung các tuần này.',
  distribution: (level) => `${level} theo số liệu mới nhất`,
  unitsAxis: 'số đơn vị',
  valueAxis: (measure) => (measure ? `giá trị (${measure})` : 'giá trị'),
  weeksAxis: 'tuần (ngày Chủ nhật)',
  weeklyTrend: (level) => `Trung bình ${level}, 12 tuần qua`,
  levelMean: 'trung bình thực tế',
  requiredMean: 'trung bình yêu cầu',
  unitsWithoutValue: (count) => `${count} đơn vị chưa có số liệu`,
  invertedAxis: 'Trục dọc đảo ngược: hạng 1 ở trên cùng, lên cao luôn là tốt hơn.',
  leagueRest: (count) => `còn ${count} đơn vị ở giữa bảng`,
  leagueRestLink: 'xem đầy đủ từng đơn vị trong ứng dụng web',
  sparkScale: 'Điểm 12 tháng qua, thang 0–100%',
  sameTimeAxis: 'Các biểu đồ dùng chung một trục thời gian.',
  targetsFine: (count) => `${count} chỉ tiêu khác đã đạt hoặc có khả năng đạt: xem trong báo cáo đầy đủ.`,
  status: STATUS_LABELS.vi,
  verdict: VERDICT_LABELS.vi,
  alertKind: {
    behind: 'chậm tiến độ',
    stale: 'quá hạn báo cáo',
    missing: 'chưa báo cáo lần nào',
    at_risk: 'có nguy cơ chậm',
    source_down: 'nguồn số liệu gián đoạn',
  },
  levels: {
    province: 'Cấp tỉnh',
    department: 'Sở, ban, ngành',
    district: 'Cấp huyện',
    commune: 'Cấp xã, phường',
  },
  title: 'Bản tin tuần',
  weekOf: (week, monday, sunday) => `Tuần ${week} (từ ${monday} đến ${sunday})`,
  asOf: (date) => `Tình hình tính đến ngày ${date}`,
  headline: 'Số chỉ tiêu theo tình trạng',
  totalSeries: (count) => `${count} chỉ tiêu`,
  sinceLastWeek: 'so với tuần trước',
  noComparison: 'Chưa có bản tin tuần trước: không so sánh.',
  league: 'Bảng xếp hạng',
  leagueNote:
    'Điểm = tỷ lệ chỉ tiêu của đơn vị đúng tiến độ hoặc đã đạt. Bằng điểm: ít chỉ tiêu chậm hơn, rồi tổng mức thiếu hụt nhỏ hơn, rồi mã đơn vị.',
  rank: 'TT',
  unit: 'Đơn vị',
  unitId: 'Mã',
  level: 'Cấp',
  score: 'Điểm',
  change: 'Thay đổi',
  series: 'Số chỉ tiêu',
  shortfall: 'Thiếu hụt',
  trend: '12 tháng qua',
  previousScore: 'Tuần trước',
  moversUp: 'Tiến bộ so với tuần trước',
  moversDown: 'Sụt giảm so với tuần trước',
  noMovers: 'Không thay đổi',
  heatmap: 'Tình trạng theo đơn vị và chỉ tiêu',
  alerts: 'Cảnh báo trong tuần',
  opened: 'Mới phát sinh',
  escalated: 'Đã báo cấp trên',
  resolved: 'Đã khắc phục',
  openAtEnd: (count) => `${count} cảnh báo còn mở cuối tuần, theo thời gian tồn tại:`,
  ageBucket: (from, to) => (to === null ? `từ ${from} ngày` : `${from}–${to - 1} ngày`),
  escalationLevel: (level) => `mức báo cáo ${level}`,
  muted: 'tạm tắt thông báo',
  acknowledgements: 'Đã tiếp nhận, có kế hoạch khắc phục',
  overdueAcknowledgements: 'Kế hoạch quá hạn',
  allIndicators: 'tất cả chỉ tiêu',
  due: 'hạn',
  by: 'người tiếp nhận',
  plan: 'Kế hoạch',
  daysOverdue: (count) => `quá hạn ${count} ngày`,
  milestones: 'Đánh giá các mốc',
  indicator: 'Chỉ tiêu',
  milestoneDate: 'Mốc',
  target: 'Mục tiêu',
  dataHealth: 'Chất lượng số liệu',
  staleSeries: 'Chỉ tiêu quá hạn báo cáo',
  noDataSeries: 'Chỉ tiêu chưa có số liệu',
  lastReport: 'báo cáo gần nhất',
  neverReported: 'chưa báo cáo lần nào',
  daysSince: (count) => `${count} ngày trước`,
  failingSources: 'Nguồn dữ liệu lần chạy gần nhất bị lỗi hoặc không đầy đủ',
  quarantinedRows: (count) => `${count} dòng số liệu bị cách ly trong tuần`,
  trajectories: 'Toàn tỉnh theo từng chỉ tiêu',
  required: 'lộ trình',
  actual: 'thực tế',
  milestone: 'mốc',
  scopeUnit: (unitName) => unitName,
  dissolved: 'Đơn vị đã giải thể',
  dissolvedNote:
    'Hồ sơ cuối cùng của mỗi đơn vị giải thể khi sắp xếp: tình trạng các chỉ tiêu và các mốc tính đến ngày cuối cùng.',
  dissolvedGroup: (date, level, units) => `${units} đơn vị (${level}), ngày cuối ${date}`,
  behindWhenDissolved: 'Chậm tiến độ vào ngày cuối cùng',
  rankOf: (value, outOf) => rankText('vi', value, outOf),
  scopeLevelMean: (level, units) => `trung bình ${units} đơn vị, cấp ${level}`,
  none: 'không có',
  andMore: (count) => `… và ${count} mục khác`,
  reportLink: 'Báo cáo đầy đủ (biểu đồ)',
  fullReport: 'Xem danh sách đầy đủ trong báo cáo.',
  generated: (instant) => `Tạo lúc ${instant}`,
  sourceOutcome: { failed: 'lỗi', partial: 'không đầy đủ' },
  rowsRejected: (count) => `${count} dòng bị từ chối`,
};

export const DIGEST_LABELS: Record<Language, DigestLabels> = { en: EN, vi: VI };

export function levelLabel(labels: DigestLabels, level: string): string {
  return labels.levels[level] ?? level;
}
