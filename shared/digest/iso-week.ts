import { addDays, formatDayNumber, toDayNumber } from '../domain/calendar-date.ts';

/**
 * ISO-8601 weeks: Monday to Sunday; week 1 is the week holding the year's first Thursday, so a
 * week belongs to the year its Thursday falls in (2026-W01 starts on Monday 2025-12-29, and some
 * years, e.g. 2020, have a week 53).
 */
export interface IsoWeek {
  readonly year: number;
  readonly week: number;
}

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

/** `2026-W47` → {year: 2026, week: 47}; undefined when malformed or the year has no such week. */
export function parseIsoWeek(text: string): IsoWeek | undefined {
  const match = WEEK_PATTERN.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > weeksInYear(year)) return undefined;
  return { year, week };
}

export function formatIsoWeek(week: IsoWeek): string {
  return `${String(week.year).padStart(4, '0')}-W${String(week.week).padStart(2, '0')}`;
}

/** The ISO week a calendar date (`YYYY-MM-DD`) falls in. */
export function isoWeekOfDate(date: string): IsoWeek {
  const day = toDayNumber(date);
  const thursday = day - isoWeekday(day) + 4;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  const firstThursday = firstThursdayOf(year);
  return { year, week: (thursday - firstThursday) / 7 + 1 };
}

/** 52 or 53. */
export function weeksInYear(year: number): number {
  // The last week of a year is the one holding 28 December.
  const december28 = toDayNumber(`${String(year).padStart(4, '0')}-12-28`);
  const thursday = december28 - isoWeekday(december28) + 4;
  return (thursday - firstThursdayOf(year)) / 7 + 1;
}

/** First (Monday) and last (Sunday) calendar dates of the week. */
export function isoWeekDates(week: IsoWeek): { monday: string; sunday: string } {
  const monday = firstThursdayOf(week.year) - 3 + (week.week - 1) * 7;
  return { monday: formatDayNumber(monday), sunday: formatDayNumber(monday + 6) };
}

export function previousIsoWeek(week: IsoWeek): IsoWeek {
  return isoWeekOfDate(addDays(isoWeekDates(week).monday, -7));
}

export function nextIsoWeek(week: IsoWeek): IsoWeek {
  return isoWeekOfDate(addDays(isoWeekDates(week).monday, 7));
}

/** 1 = Monday … 7 = Sunday. Day 0 (1970-01-01) was a Thursday. */
function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function firstThursdayOf(year: number): number {
  const january4 = toDayNumber(`${String(year).padStart(4, '0')}-01-04`);
  return january4 - isoWeekday(january4) + 4;
}
