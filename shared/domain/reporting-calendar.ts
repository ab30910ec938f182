import type { DayNumber } from './calendar-date.ts';
import { TREND_WINDOW_DAYS } from './trend.ts';

/** How often a figure is produced (docs/evaluation.md, "Reporting calendars"). */
export const CADENCES = ['monthly', 'quarterly', 'annual'] as const;
export type Cadence = (typeof CADENCES)[number];

export interface ReportingCalendar {
  readonly cadence: Cadence;
  /** Days after the end of a period before its figure is due. */
  readonly publicationLagDays: number;
  /** Days a due figure may be late before it counts as overdue. */
  readonly graceDays: number;
}

export const DEFAULT_PUBLICATION_LAG_DAYS = 0;
export const DEFAULT_GRACE_DAYS = 15;

/** The length the defaults use: the longest month, quarter and (leap) year. */
export const PERIOD_DAYS: Readonly<Record<Cadence, number>> = { monthly: 31, quarterly: 92, annual: 366 };

/** A figure is overdue after one period, its publication lag and the grace. */
export function calendarStaleAfterDays(calendar: ReportingCalendar): number {
  return PERIOD_DAYS[calendar.cadence] + calendar.publicationLagDays + calendar.graceDays;
}

/** Days before the latest observation that the projection fits: at least a year, two periods. */
export function projectionWindowDays(calendar: ReportingCalendar | undefined): number {
  return calendar ? Math.max(TREND_WINDOW_DAYS, 2 * PERIOD_DAYS[calendar.cadence]) : TREND_WINDOW_DAYS;
}

const MS_PER_DAY = 86_400_000;

/** First day of the calendar month, quarter or year that `day` falls in. */
export function periodStart(cadence: Cadence, day: DayNumber): DayNumber {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const firstMonth = cadence === 'monthly' ? month : cadence === 'quarterly' ? month - (month % 3) : 0;
  return Date.UTC(year, firstMonth, 1) / MS_PER_DAY;
}
