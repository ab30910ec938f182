import { SERIES_STATUSES } from '../domain/series-status.ts';
import type { IndicatorView } from './digest.ts';
import type { DigestFormat } from './digest-format.ts';
import type { DigestLabels } from './digest-labels.ts';
import { escapeHtml as e } from './html-escape.ts';
import { at, niceTicks, STATUS_COLOURS } from './svg-charts.ts';

const WIDTH = 380;
const HEIGHT = 200;
/** Room for the tick labels and the axis titles on the left and at the bottom. */
const MARGIN = { top: 10, right: 22, bottom: 40, left: 46 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

function frame(kind: string, label: string, body: string[], xTitle: string, yTitle: string): string {
  return (
    `<svg class="${kind}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${e(label)}">` +
    body.join('') +
    `<text class="axis-title" x="${MARGIN.left + PLOT_W / 2}" y="${HEIGHT - 4}" text-anchor="middle">${e(xTitle)}</text>` +
    `<text class="axis-title" transform="translate(11 ${MARGIN.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle">${e(yTitle)}</text>` +
    `<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${MARGIN.top + PLOT_H}" y2="${MARGIN.top + PLOT_H}"/>` +
    `<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + PLOT_H}"/></svg>`
  );
}

/**
 * How many units of the level stand at each value: bins between round values, each bar stacked
 * by status colour, with both axes scaled and titled and the mean required value marked.
 */
export function distributionSvg(view: IndicatorView, labels: DigestLabels, format: DigestFormat): string {
  const values = view.distribution.map((entry) => entry.value);
  const required = view.weekly.at(-1)?.required ?? null;
  const spanOf = [...values, ...(required === null ? [] : [required])];
  let low = Math.min(...spanOf);
  let high = Math.max(...spanOf);
  if (high - low < 1) {
    low -= 1;
    high += 1;
  }
  const edges = niceTicks(low - (high - low) * 0.001, high, 8);
  const first = edges[0] ?? low;
  const step = (edges[1] ?? first + 1) - first;
  if ((edges.at(-1) ?? first) <= high) edges.push((edges.at(-1) ?? first) + step);
  if (first > low) edges.unshift(first - step);
  // The indicator's own bounds end the axis: a value at 100% sits in the last bar, not past it.
  while (view.max !== undefined && edges.length > 2 && (edges.at(-2) ?? 0) >= view.max) edges.pop();
  while (view.min !== undefined && edges.length > 2 && (edges[1] ?? 0) <= view.min) edges.shift();
  const bins = edges.slice(0, -1).map((from) => ({
    from,
    counts: Object.fromEntries(SERIES_STATUSES.map((status) => [status, 0])) as Record<string, number>,
    total: 0,
  }));
  for (const entry of view.distribution) {
    const index = Math.min(bins.length - 1, Math.max(0, Math.floor((entry.value - (edges[0] ?? 0)) / step)));
    const bin = bins[index];
    if (!bin) continue;
    bin.counts[entry.status] = (bin.counts[entry.status] ?? 0) + 1;
    bin.total += 1;
  }
  const most = Math.max(1, ...bins.map((bin) => bin.total));
  const countTicks = niceTicks(0, most, 4).filter((tick) => Number.isInteger(tick));
  const yMax = Math.max(most, countTicks.at(-1) ?? most);
  const lowEdge = edges[0] ?? low;
  const highEdge = edges.at(-1) ?? high;
  const x = (value: number) => MARGIN.left + ((value - lowEdge) / (highEdge - lowEdge || 1)) * PLOT_W;
  const y = (count: number) => MARGIN.top + (1 - count / yMax) * PLOT_H;
  const parts: string[] = [];
  for (const tick of countTicks) {
    parts.push(
      `<line class="grid" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${at(y(tick))}" y2="${at(y(tick))}"/>`,
      `<text class="tick" x="${MARGIN.left - 4}" y="${at(y(tick) + 3)}" text-anchor="end">${tick}</text>`,
    );
  }
  for (const edge of edges) {
    parts.push(
      `<text class="tick" x="${at(x(edge))}" y="${MARGIN.top + PLOT_H + 12}" text-anchor="middle">${e(format.number(edge))}</text>`,
    );
  }
  const barWidth = Math.max(1, x(lowEdge + step) - x(lowEdge) - 2);
  for (const bin of bins) {
    let stacked = 0;
    for (const status of SERIES_STATUSES) {
      const count = bin.counts[status] ?? 0;
      if (count === 0) continue;
      parts.push(
        `<rect x="${at(x(bin.from) + 1)}" y="${at(y(stacked + count))}" width="${at(barWidth)}" height="${at(y(stacked) - y(stacked + count))}" fill="${STATUS_COLOURS[status]}">` +
          `<title>${e(`${format.number(bin.from)}–${format.number(bin.from + step)}: ${count} · ${labels.status[status]}`)}</title></rect>`,
      );
      stacked += count;
    }
  }
  if (required !== null) {
    const xx = at(x(required));
    parts.push(
      `<line class="required-mark" x1="${xx}" x2="${xx}" y1="${MARGIN.top}" y2="${MARGIN.top + PLOT_H}"><title>${e(`${labels.requiredMean}: ${format.value(required, view.measure)}`)}</title></line>`,
    );
  }
  return frame(
    'distribution',
    `${view.indicatorName}: ${labels.unitsAxis} / ${labels.valueAxis(view.measure)}`,
    parts,
    labels.valueAxis(view.measure),
    labels.unitsAxis,
  );
}

/**
 * The level's mean reported value (solid) and mean required value (dashed) at each of the last
 * 12 Sundays. The weeks are the same for every indicator, so the charts line up; a `decrease`
 * indicator (a rank) has its axis inverted, and the caption says so.
 */
export function weeklyTrendSvg(view: IndicatorView, labels: DigestLabels, format: DigestFormat): string {
  const points = view.weekly;
  const values = points
    .flatMap((point) => [point.mean, point.required])
    .filter((v): v is number => v !== null);
  let low = values.length > 0 ? Math.min(...values) : 0;
  let high = values.length > 0 ? Math.max(...values) : 1;
  // A minimum span keeps week-to-week noise from looking like a cliff.
  const minimumSpan = view.max !== undefined && view.min !== undefined ? (view.max - view.min) / 20 : 1;
  if (high - low < minimumSpan) {
    const middle = (high + low) / 2;
    low = middle - minimumSpan / 2;
    high = middle + minimumSpan / 2;
  }
  if (view.min !== undefined) low = Math.max(view.min, low);
  if (view.max !== undefined) high = Math.min(view.max, high);
  const ticks = niceTicks(low, high, 4);
  const tickStep = (ticks[1] ?? high) - (ticks[0] ?? low) || 1;
  low = Math.min(low, Math.floor(low / tickStep) * tickStep);
  high = Math.max(high, Math.ceil(high / tickStep) * tickStep);
  const flip = view.direction === 'decrease';
  const x = (index: number) => MARGIN.left + (index / Math.max(1, points.length - 1)) * PLOT_W;
  const y = (value: number) => {
    const share = (value - low) / (high - low || 1);
    return MARGIN.top + (flip ? share : 1 - share) * PLOT_H;
  };
  const parts: string[] = [];
  for (const tick of niceTicks(low, high, 4)) {
    parts.push(
      `<line class="grid" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${at(y(tick))}" y2="${at(y(tick))}"/>`,
      `<text class="tick" x="${MARGIN.left - 4}" y="${at(y(tick) + 3)}" text-anchor="end">${e(format.number(tick))}</text>`,
    );
  }
  points.forEach((point, index) => {
    if (index % 3 !== (points.length - 1) % 3) return;
    parts.push(
      `<text class="tick" x="${at(x(index))}" y="${MARGIN.top + PLOT_H + 12}" text-anchor="middle">${e(format.dayMonth(point.date))}</text>`,
    );
  });
  const line = (kind: string, pick: (point: (typeof points)[number]) => number | null) => {
    const coordinates = points
      .map((point, index) => {
        const value = pick(point);
        return value === null ? null : `${at(x(index))},${at(y(value))}`;
      })
      .filter((point): point is string => point !== null);
    if (coordinates.length > 1) parts.push(`<polyline class="${kind}" points="${coordinates.join(' ')}"/>`);
  };
  line('required', (point) => point.required);
  line('actual', (point) => point.mean);
  points.forEach((point, index) => {
    if (point.mean === null) return;
    parts.push(
      `<circle class="point" cx="${at(x(index))}" cy="${at(y(point.mean))}" r="2"><title>${e(`${format.date(point.date)}: ${format.value(point.mean, view.measure)}`)}</title></circle>`,
    );
  });
  return frame(
    'weekly',
    `${view.indicatorName}: ${labels.weeklyTrend(view.level)}`,
    parts,
    labels.weeksAxis,
    labels.valueAxis(view.measure),
  );
}
