import type { DayNumber } from './calendar-date.ts';
import type { DatedValue } from './observation.ts';

export const TREND_WINDOW_DAYS = 365;

/** Ordinary least squares line of value on day number. */
export interface Trend {
  readonly slopePerDay: number;
  valueAt(day: DayNumber): number;
}

/**
 * Fits the observations dated within `windowDays` before the latest one (inclusive). Returns null
 * with fewer than two distinct dates. `sorted` must be ascending by day, one value per day.
 */
export function fitRecentTrend(sorted: readonly DatedValue[], windowDays = TREND_WINDOW_DAYS): Trend | null {
  const latest = sorted[sorted.length - 1];
  if (!latest) return null;
  const windowStart = latest.day - windowDays;
  let first = sorted.length - 1;
  while (first > 0 && (sorted[first - 1] as DatedValue).day >= windowStart) first--;
  const count = sorted.length - first;
  if (count < 2) return null;

  // Centre on the mean day so that large day numbers do not cost precision.
  let sumDay = 0;
  let sumValue = 0;
  for (let i = first; i < sorted.length; i++) {
    const point = sorted[i] as DatedValue;
    sumDay += point.day;
    sumValue += point.value;
  }
  const meanDay = sumDay / count;
  const meanValue = sumValue / count;
  let sxx = 0;
  let sxy = 0;
  for (let i = first; i < sorted.length; i++) {
    const point = sorted[i] as DatedValue;
    const dx = point.day - meanDay;
    sxx += dx * dx;
    sxy += dx * (point.value - meanValue);
  }
  const slopePerDay = sxy / sxx;
  return {
    slopePerDay,
    valueAt: (day) => meanValue + slopePerDay * (day - meanDay),
  };
}
