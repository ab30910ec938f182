import type { Programme } from '../../shared/catalog/programme.ts';
import type { EvaluationReport } from '../../shared/domain/programme-evaluation.ts';
import { SERIES_STATUSES, type SeriesResult, type SeriesStatus } from '../../shared/domain/series-status.ts';
import {
  type Language,
  PROGRESS_LABELS,
  STATUS_LABELS,
  VERDICT_LABELS,
} from '../../shared/messages/labels.ts';
import { formatDate } from '../../shared/style/dates.ts';
import { formatDecimal } from '../../shared/style/numbers.ts';
import { figureCells, NO_FIGURE } from './figure-cells.ts';
import { paint, renderColumns, STATUS_COLOURS, truncate } from './terminal.ts';

const HEADERS: Record<Language, string[]> = {
  en: ['Unit', 'Indicator', 'Status', 'Date', 'Value', 'Required', 'Gap', 'Pace', 'Milestone'],
  vi: ['Đơn vị', 'Chỉ tiêu', 'Trạng thái', 'Ngày', 'Giá trị', 'Yêu cầu', 'Chênh lệch', 'Nhịp độ', 'Mốc'],
};

export function renderStatusTable(
  report: EvaluationReport,
  programme: Programme,
  language: Language,
  colour: boolean,
): string {
  const rows = report.results.map((result) => {
    const unitName = programme.units.get(result.unit)?.name ?? '';
    const status = STATUS_LABELS[language][result.status];
    const indicator = programme.indicators.get(result.indicator);
    return [
      truncate(`${result.unit} ${unitName}`, 30),
      // The catalog's short name (at most 40 characters, never cut); the id where there is none.
      indicator?.shortName?.trim() || result.indicator,
      paint(status, STATUS_COLOURS[result.status], colour),
      result.date === null ? NO_FIGURE : formatDate(result.date, language),
      ...figureCells(result, indicator, language),
      result.progress === null ? NO_FIGURE : PROGRESS_LABELS[language][result.progress],
      nextMilestone(result, report.asOf, language),
    ];
  });
  const table = renderColumns(HEADERS[language], rows, new Set([4, 5, 6]));
  return `${table}\n\n${summaryLine(report.results, language, colour)}`;
}

export function statusCounts(results: readonly SeriesResult[]): Record<SeriesStatus, number> {
  const counts = Object.fromEntries(SERIES_STATUSES.map((status) => [status, 0])) as Record<
    SeriesStatus,
    number
  >;
  for (const result of results) counts[result.status]++;
  return counts;
}

export function summaryLine(results: readonly SeriesResult[], language: Language, colour: boolean): string {
  const counts = statusCounts(results);
  const parts = SERIES_STATUSES.filter((status) => counts[status] > 0).map((status) =>
    paint(
      `${formatDecimal(counts[status], 0, language)} ${STATUS_LABELS[language][status]}`,
      STATUS_COLOURS[status],
      colour,
    ),
  );
  const count = formatDecimal(results.length, 0, language);
  const total = language === 'vi' ? `${count} chuỗi chỉ tiêu` : `${count} series`;
  return `${total}: ${parts.join(', ') || (language === 'vi' ? 'không có' : 'none')}`;
}

/** A milestone still awaiting its figure first, else the next one ahead, else the last. */
function nextMilestone(result: SeriesResult, asOf: string, language: Language): string {
  const upcoming =
    result.milestones.find((milestone) => milestone.verdict === 'pending') ??
    result.milestones.find((milestone) => milestone.date > asOf) ??
    result.milestones.at(-1);
  if (!upcoming) return '';
  return `${upcoming.date.slice(0, 4)}: ${VERDICT_LABELS[language][upcoming.verdict]}`;
}
