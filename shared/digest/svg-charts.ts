import { toDayNumber } from '../domain/calendar-date.ts';
import type { MilestoneVerdict, SeriesStatus } from '../domain/series-status.ts';
import type { Heatmap, TrajectoryChart } from './digest.ts';
import type { DigestFormat } from './digest-format.ts';
import type { DigestLabels } from './digest-labels.ts';
import { escapeHtml } from './html-escape.ts';

/** Status colours: distinct hues and lightness, so the heat-map still reads in grey print. */
export const STATUS_COLOURS: Record<SeriesStatus, string> = {
  achieved: '#116329',
  on_track: '#4ac26b',
  at_risk: '#f2c94c',
  behind: '#cf222e',
  stale: '#8250df',
  no_data: '#d0d7de',
};

const VERDICT_COLOURS: Record<MilestoneVerdict['verdict'], string> = {
  met: '#116329',
  likely: '#4ac26b',
  missed: '#cf222e',
  unlikely: '#e16f24',
  pending: '#bf8700',
  unknown: '#8c959f',
};

const WIDTH = 560;
const HEIGHT = 240;
const MARGIN = { top: 14, right: 16, bottom: 26, left: 44 };

/** The first and last date over all charts, for one time axis shared by all of them. */
export function sharedSpan(charts: readonly TrajectoryChart[], asOf: string): { from: string; to: string } {
  const dates = charts.flatMap((chart) =>
    [...chart.required, ...chart.milestones, ...chart.actual].map((point) => point.date),
  );
  dates.push(asOf);
  dates.sort();
  return { from: dates[0] ?? asOf, to: dates.at(-1) ?? asOf };
}

/** Coordinates with one decimal: enough for the eye, and the report stays small. */
export function at(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

/**
 * One indicator's required line (dashed), its milestones (diamonds coloured by verdict), the
 * reported values (line and dots) and a marker at the week's end. Up means better.
 */
export function trajectorySvg(
  chart: TrajectoryChart,
  asOf: string,
  labels: DigestLabels,
  format: DigestFormat,
  /** A shared time span (first and last date) so that every chart's time axis lines up. */
  span?: { readonly from: string; readonly to: string },
): string {
  const dayOf = (date: string) => toDayNumber(date);
  const points = [...chart.required, ...chart.milestones, ...chart.actual];
  const allDays = [
    ...points.map((point) => dayOf(point.date)),
    dayOf(asOf),
    ...(span ? [dayOf(span.from), dayOf(span.to)] : []),
  ];
  const minDay = Math.min(...allDays);
  const maxDay = Math.max(...allDays);
  const values = points.map((point) => point.value);
  let low = values.length > 0 ? Math.min(...values) : 0;
  let high = values.length > 0 ? Math.max(...values) : 1;
  // The indicator's own range keeps the picture honest (a 2-point rise on a 0–100% scale is small).
  if (chart.min !== undefined) low = Math.min(chart.min, low);
  if (chart.max !== undefined) high = Math.max(chart.max, high);
  const pad = (high - low) * 0.04 || 1;
  low -= pad;
  high += pad;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (date: string) => MARGIN.left + ((dayOf(date) - minDay) / (maxDay - minDay || 1)) * plotWidth;
  // Lower is better for a `decrease` indicator (a rank): its axis is flipped so up always means better.
  const flip = chart.direction === 'decrease';
  const y = (value: number) => {
    const share = (value - low) / (high - low);
    return MARGIN.top + (flip ? share : 1 - share) * plotHeight;
  };

  const parts: string[] = [];
  for (const tick of niceTicks(low, high, 5)) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${at(y(tick))}" y2="${at(y(tick))}" class="grid"/>`,
      `<text x="${MARGIN.left - 4}" y="${at(y(tick) + 3)}" class="tick" text-anchor="end">${escapeHtml(format.number(tick))}</text>`,
    );
  }
  const firstYear = Number(new Date(minDay * 86_400_000).toISOString().slice(0, 4));
  const lastYear = Number(new Date(maxDay * 86_400_000).toISOString().slice(0, 4));
  const yearStep = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 10));
  for (let year = firstYear + 1; year <= lastYear; year += yearStep) {
    const xx = at(x(`${year}-01-01`));
    parts.push(
      `<line x1="${xx}" x2="${xx}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}" class="grid"/>`,
      `<text x="${xx}" y="${HEIGHT - 8}" class="tick" text-anchor="middle">${year}</text>`,
    );
  }
  const today = at(x(asOf));
  parts.push(
    `<line x1="${today}" x2="${today}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}" class="today"/>`,
  );
  if (chart.required.length > 1) {
    parts.push(
      `<polyline class="required" points="${chart.required.map((p) => `${at(x(p.date))},${at(y(p.value))}`).join(' ')}"/>`,
    );
  }
  if (chart.actual.length > 1) {
    parts.push(
      `<polyline class="actual" points="${chart.actual.map((p) => `${at(x(p.date))},${at(y(p.value))}`).join(' ')}"/>`,
    );
  }
  for (const point of chart.actual) {
    parts.push(`<circle class="point" cx="${at(x(point.date))}" cy="${at(y(point.value))}" r="2.2"/>`);
  }
  for (const milestone of chart.milestones) {
    const cx = x(milestone.date);
    const cy = y(milestone.value);
    const colour = VERDICT_COLOURS[milestone.verdict ?? 'unknown'];
    const verdict = milestone.verdict ? `: ${labels.verdict[milestone.verdict]}` : '';
    parts.push(
      `<path class="milestone" d="M${at(cx)} ${at(cy - 6)}L${at(cx + 6)} ${at(cy)}L${at(cx)} ${at(cy + 6)}L${at(cx - 6)} ${at(cy)}Z" fill="${colour}">` +
        `<title>${escapeHtml(`${labels.milestone} ${format.date(milestone.date)}: ${format.number(milestone.value)}${verdict}`)}</title></path>`,
    );
  }
  const title = `${chart.indicatorName} — ${labels.required} / ${labels.actual}`;
  return (
    `<svg class="trajectory" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(title)}">` +
    `${parts.join('')}</svg>`
  );
}

/** A small line of the unit's score over the last year (0…100%), with the latest point marked. */
export function sparklineSvg(values: readonly (number | null)[], label: string): string {
  const width = 96;
  const height = 22;
  const step = values.length > 1 ? (width - 4) / (values.length - 1) : 0;
  const x = (index: number) => 2 + index * step;
  const y = (value: number) => 2 + (1 - value) * (height - 4);
  const segments: string[][] = [];
  let current: string[] = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (current.length > 0) segments.push(current);
      current = [];
      return;
    }
    current.push(`${at(x(index))},${at(y(value))}`);
  });
  if (current.length > 0) segments.push(current);
  const lastIndex = values.length - 1;
  const last = values[lastIndex];
  const lines = segments
    .map((segment) =>
      segment.length > 1
        ? `<polyline points="${segment.join(' ')}"/>`
        : `<circle cx="${segment[0]?.split(',')[0]}" cy="${segment[0]?.split(',')[1]}" r="1.5"/>`,
    )
    .join('');
  const dot =
    last === null || last === undefined
      ? ''
      : `<circle class="last" cx="${at(x(lastIndex))}" cy="${at(y(last))}" r="2.2"/>`;
  return (
    `<svg class="spark" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(label)}">` +
    `<line x1="2" x2="${width - 2}" y1="${at(y(0.5))}" y2="${at(y(0.5))}" class="mid"/>${lines}${dot}</svg>`
  );
}

/**
 * Units × indicators coloured by status for the given rows (the report draws one block per level
 * and splits long levels into side-by-side blocks, so it stays compact and breaks across printed
 * pages). Columns are numbered; the report lists the numbers' indicator names beside it.
 */
export function heatmapSvg(heatmap: Heatmap, rows: Heatmap['rows'], labels: DigestLabels): string {
  const cell = 16;
  const labelWidth = 190;
  const headerHeight = 18;
  const width = labelWidth + heatmap.indicators.length * cell + 2;
  const height = headerHeight + rows.length * cell + 2;
  const parts: string[] = [];
  heatmap.indicators.forEach((_, column) => {
    parts.push(
      `<text x="${labelWidth + column * cell + cell / 2}" y="${headerHeight - 5}" class="tick" text-anchor="middle">${column + 1}</text>`,
    );
  });
  rows.forEach((row, index) => {
    const top = headerHeight + index * cell;
    parts.push(
      `<text x="${labelWidth - 6}" y="${top + cell - 4}" class="rowlabel" text-anchor="end">${escapeHtml(truncateName(row.unitName, 30))}</text>`,
    );
    row.cells.forEach((status, column) => {
      if (status === null) return;
      parts.push(
        `<rect x="${labelWidth + column * cell + 1}" y="${top + 1}" width="${cell - 2}" height="${cell - 2}" fill="${STATUS_COLOURS[status]}">` +
          `<title>${escapeHtml(`${row.unitName} · ${column + 1}: ${labels.status[status]}`)}</title></rect>`,
      );
    });
  });
  return (
    `<svg class="heatmap" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(labels.heatmap)}">` +
    `${parts.join('')}</svg>`
  );
}

function truncateName(name: string, length: number): string {
  const chars = [...name];
  return chars.length <= length ? name : `${chars.slice(0, length - 1).join('')}…`;
}

/** Round axis values covering [low, high]. */
export function niceTicks(low: number, high: number, count: number): number[] {
  const raw = (high - low) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let tick = Math.ceil(low / step) * step; tick <= high + 1e-9; tick += step) {
    // `+ 0` turns a rounded −0 into 0, which would otherwise print as "-0".
    ticks.push(Math.round(tick * 1e6) / 1e6 + 0);
  }
  return ticks;
}
