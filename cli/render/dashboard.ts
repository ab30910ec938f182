import type { Programme } from '../../shared/catalog/programme.ts';
import type { EvaluationReport } from '../../shared/domain/programme-evaluation.ts';
import { SERIES_STATUSES, type SeriesResult } from '../../shared/domain/series-status.ts';
import { type Language, STATUS_LABELS } from '../../shared/messages/labels.ts';
import { pad, paint, renderColumns, STATUS_COLOURS, sparkline, truncate } from './terminal.ts';

export interface DashboardInput {
  readonly programme: Programme;
  readonly report: EvaluationReport;
  /** Values of each unit's main-indicator series, oldest first, for sparklines. */
  readonly mainSeries: ReadonlyMap<string, readonly number[]>;
  readonly mainIndicator: string;
  /** One line per message sent (already masked). */
  readonly sent: readonly string[];
  readonly notes: readonly string[];
  readonly language: Language;
  readonly colour: boolean;
}

const TEXT = {
  en: {
    title: 'dtwatch — monitoring cycle',
    counts: 'Series by status',
    worst: 'Units furthest behind',
    sent: 'Sent this run',
    nothingSent: 'nothing new to send',
    bar: 'share',
  },
  vi: {
    title: 'dtwatch — chu kỳ giám sát',
    counts: 'Chuỗi chỉ tiêu theo trạng thái',
    worst: 'Đơn vị chậm nhất',
    sent: 'Đã gửi trong lần chạy này',
    nothingSent: 'không có gì mới để gửi',
    bar: 'tỷ lệ',
  },
} as const;

const WORST_UNITS = 8;

/** The terminal summary `npm start` ends with. */
export function renderDashboard(input: DashboardInput): string {
  const text = TEXT[input.language];
  const { results } = input.report;
  const lines: string[] = [];
  lines.push(paint(`${text.title}: ${input.programme.catalog.programme.name}`, 'bold', input.colour));
  lines.push(`as of ${input.report.asOf}`, '');

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

  lines.push(paint(`${text.worst} (${input.mainIndicator})`, 'bold', input.colour));
  const worst = worstUnits(results, input.mainIndicator).slice(0, WORST_UNITS);
  const plan = input.programme.planOf(worst[0]?.unit ?? '', input.mainIndicator);
  lines.push(
    renderColumns(
      ['unit', 'status', 'value', 'required', 'gap', 'trend'],
      worst.map((result) => [
        truncate(`${result.unit} ${input.programme.units.get(result.unit)?.name ?? ''}`, 34),
        paint(STATUS_LABELS[input.language][result.status], STATUS_COLOURS[result.status], input.colour),
        result.value === null ? '—' : result.value.toFixed(1),
        result.required === null ? '—' : result.required.toFixed(1),
        result.gap === null ? '—' : result.gap.toFixed(1),
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
  for (const line of input.sent.slice(0, 12)) lines.push(`  ${line}`);
  if (input.sent.length > 12) lines.push(`  … and ${input.sent.length - 12} more`);
  lines.push('');
  for (const note of input.notes) lines.push(note);
  return lines.join('\n');
}

/** Behind first, then at risk, then stale; within each, the largest shortfall first. */
function worstUnits(results: readonly SeriesResult[], indicator: string): SeriesResult[] {
  const rank = { behind: 0, at_risk: 1, stale: 2, no_data: 3, on_track: 4, achieved: 5 } as const;
  return results
    .filter((result) => result.indicator === indicator)
    .sort((a, b) => rank[a.status] - rank[b.status] || (a.gap ?? 0) - (b.gap ?? 0));
}
