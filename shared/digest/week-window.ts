import { addDays, dateInZone, zoneFormat } from '../domain/calendar-date.ts';
import { type IsoWeek, isoWeekDates, isoWeekOfDate, previousIsoWeek } from './iso-week.ts';

/**
 * A digest week as instants: from Monday 00:00 (inclusive) to the next Monday 00:00 (exclusive,
 * i.e. Sunday 24:00), on the programme's wall clock.
 */
export interface WeekWindow {
  readonly monday: string;
  readonly sunday: string;
  /** ISO-8601 UTC instants. */
  readonly start: string;
  readonly end: string;
}

export function weekWindow(week: IsoWeek, timeZone: string): WeekWindow {
  const { monday, sunday } = isoWeekDates(week);
  return {
    monday,
    sunday,
    start: localMidnight(monday, timeZone).toISOString(),
    end: localMidnight(addDays(sunday, 1), timeZone).toISOString(),
  };
}

/** `start ≤ instant < end`; instants are compared as dates, whatever their ISO spelling. */
export function isWithin(instant: string | undefined, window: WeekWindow): boolean {
  if (!instant) return false;
  const time = Date.parse(instant);
  return time >= Date.parse(window.start) && time < Date.parse(window.end);
}

/** The instant a calendar date begins in an IANA time zone. */
export function localMidnight(date: string, timeZone: string): Date {
  const wallClockAsUtc = Date.parse(`${date}T00:00:00Z`);
  // Two rounds settle the offset, also when the zone's offset differs a few hours apart (DST).
  let guess = wallClockAsUtc - offsetAt(new Date(wallClockAsUtc), timeZone);
  guess = wallClockAsUtc - offsetAt(new Date(guess), timeZone);
  return new Date(guess);
}

const WALL_CLOCK_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds the zone's wall clock is ahead of UTC at an instant. */
function offsetAt(instant: Date, timeZone: string): number {
  const format = zoneFormat(WALL_CLOCK_FORMATS, timeZone, () => ({
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }));
  const parts = format.formatToParts(instant);
  const pick = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? '0');
  const wallClock = Date.UTC(
    pick('year'),
    pick('month') - 1,
    pick('day'),
    pick('hour'),
    pick('minute'),
    pick('second'),
  );
  return wallClock - (instant.getTime() - instant.getUTCMilliseconds());
}

/** The most recent week that has fully ended at `now` on the zone's wall clock. */
export function lastCompletedWeek(now: Date, timeZone: string): IsoWeek {
  return previousIsoWeek(isoWeekOfDate(dateInZone(now, timeZone)));
}
