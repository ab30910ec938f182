import type { Programme } from '../../shared/catalog/programme.ts';
import type { EvaluationReport } from '../../shared/domain/programme-evaluation.ts';
import { SERIES_STATUSES, type SeriesResult } from '../../shared/domain/series-status.ts';
import { type Language, STATUS_LABELS } from '../../shared/messages/labels.ts';
import { formatDate } from '../../shared/style/dates.ts';
import type { SentMessage } from '../local/monitoring-cycle.ts';
import { figureCells } from './figure-cells.ts';
import { pad, paint, renderColumns, STATUS_COLOURS, sparkline, truncate } from './terminal.ts';

export interface DashboardInput {
  readonly programme: Programme;
  readonly report: EvaluationReport;
  /** Values of each unit's main-indicator series, oldest first, for sparklines. */
  readonly mainSeries: ReadonlyMap<string, readonly number[]>;
  readonly mainIndicator: string;
  /** Every message of the run, said by who it is for (never an address). */
  readonly sent: readonly SentMessage[];
  /** The footer lines (cycle-notes.ts), already in the dashboard's language. */
  readonly notes: readonly string[];
  readonly language: Language;
  readonly colour: boolean;
}

const TEXT = {
  en: {
    title: 'dtwatch — monitoring cycle',
    asOf: (date: string) => `as of ${date}`,
    counts: 'Series by status',
    worst: 'Units furthest behind',
    columns: ['unit', 'status', 'value', 'required', 'gap', 'trend'],
    sent: 'Sent this run',
    nothingSent: 'nothing new to send',
    groups: {
      'alert:email': 'Alert e-mails',
      'alert:sms': 'Alert SMS',
      'digest:email': 'Digest e-mails',
      'digest:sms': 'Digest SMS',
    },
    more: (count: number) => `… and ${count} more`,
    roles: {
      head: 'head of',
      deputy: 'deputy head of',
      'data-contact': 'data contact of',
      owner: 'indicator owner at',
      committee: 'steering committee',
      operator: 'operator',
    },
    unknown: 'a recipient outside the directory',
  },
  vi: {
    title: 'dtwatch — chu kỳ giám sát',
    asOf: (date: string) => `tính đến ngày ${date}`,
    counts: 'Chuỗi chỉ tiêu theo tình trạng',
    worst: 'Đơn vị chậm nhất',
    columns: ['đơn vị', 'tình trạng', 'giá trị', 'yêu cầu', 'chênh lệch', 'diễn biến'],
    sent: 'Đã gửi trong lần chạy này',
    nothingSent: 'không có gì mới để gửi',
    groups: {
      'alert:email': 'Email cảnh báo',
      'alert:sms': 'SMS cảnh báo',
      'digest:email': 'Email bản tin tuần',
      'digest:sms': 'SMS bản tin tuần',
    },
    more: (count: number) => `… và ${count} người nhận khác`,
    roles: {
      head: 'Thủ trưởng',
      deputy: 'Cấp phó',
      'data-contact': 'Đầu mối số liệu',
      owner: 'Phụ trách chỉ tiêu,',
      committee: 'Ban Chỉ đạo',
      operator: 'Vận hành',
    },
    unknown: 'người nhận ngoài danh bạ',
  },
} as const;

const WORST_UNITS = 8;
/** Recipients named per group; the others are counted. */
const NAMED_RECIPIENTS = 6;

/** The terminal summary `npm start` ends with. */
export function renderDashboard(input: DashboardInput): string {
  const text = TEXT[input.language];
  const { results } = input.report;
  const lines: string[] = [];
  lines.push(paint(`${text.title}: ${input.programme.catalog.programme.name}`, 'bold', input.colour));
  lines.push(text.asOf(formatDate(input.report.asOf, input.language)), '');

  lines.push(paint(text.counts, 'bold', input.colour));
  const total = results.length || 1;
  for (const status of SERIES_STATUSES) {
    const count = results.filter((result) => result.status === status).length;
    const bar = '█'.repeat(Math.round((count / total) * 40));
    const label = pad(STATUS_LABELS[input.language][status], 18);
    lines.push(
      `  ${label} ${pad(String(count), 5, 'right')}  ${paint(bar, STATUS_COLOURS[status], input.colour)}`,
    );
  }
  lines.push('');

  const indicator = input.programme.indicators.get(input.mainIndicator);
  lines.push(paint(`${text.worst} (${indicator?.name ?? input.mainIndicator})`, 'bold', input.colour));
  const worst = worstUnits(results, input.mainIndicator).slice(0, WORST_UNITS);
  const plan = input.programme.planOf(worst[0]?.unit ?? '', input.mainIndicator);
  lines.push(
    renderColumns(
      text.columns,
      worst.map((result) => [
        truncate(`${result.unit} ${input.programme.units.get(result.unit)?.name ?? ''}`, 34),
        paint(STATUS_LABELS[input.language][result.status], STATUS_COLOURS[result.status], input.colour),
        ...figureCells(result, indicator, input.language),
        sparkline((input.mainSeries.get(result.unit) ?? []).slice(-24), plan?.min, plan?.max),
      ]),
      new Set([2, 3, 4]),
    )
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n'),
  );
  lines.push('');

  lines.push(paint(text.sent, 'bold', input.colour));
  if (input.sent.length === 0) lines.push(`  ${text.nothingSent}`);
  for (const [group, messages] of groupMessages(input.sent)) {
    const names = [...new Set(messages.map((message) => recipientName(message, input)))];
    const shown = names.slice(0, NAMED_RECIPIENTS).join('; ');
    const more = names.length > NAMED_RECIPIENTS ? ` ${text.more(names.length - NAMED_RECIPIENTS)}` : '';
    lines.push(`  ${text.groups[group]} (${messages.length}): ${shown}${more}`);
  }
  lines.push('');
  for (const note of input.notes) lines.push(note);
  return lines.join('\n');
}

type Group = keyof (typeof TEXT)['en']['groups'];

function groupMessages(sent: readonly SentMessage[]): Map<Group, SentMessage[]> {
  const groups = new Map<Group, SentMessage[]>();
  for (const group of ['alert:email', 'alert:sms', 'digest:email', 'digest:sms'] as const) {
    const members = sent.filter((message) => `${message.kind}:${message.channel}` === group);
    if (members.length > 0) groups.set(group, members);
  }
  return groups;
}

/** "Thủ trưởng Sở Y tế", "Ban Chỉ đạo": the seat, never the address. */
function recipientName(message: SentMessage, input: DashboardInput): string {
  const text = TEXT[input.language];
  if (!message.seat) return text.unknown;
  const role = text.roles[message.seat.role];
  if (!message.seat.unit) return role;
  return `${role} ${input.programme.units.get(message.seat.unit)?.name ?? message.seat.unit}`;
}

/** Behind first, then at risk, then stale; within each, the largest shortfall first. */
function worstUnits(results: readonly SeriesResult[], indicator: string): SeriesResult[] {
  const rank = { behind: 0, at_risk: 1, stale: 2, no_data: 3, on_track: 4, achieved: 5 } as const;
  return results
    .filter((result) => result.indicator === indicator)
    .sort((a, b) => rank[a.status] - rank[b.status] || (a.gap ?? 0) - (b.gap ?? 0));
}
