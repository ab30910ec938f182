/**
 * Calendar dates as whole day numbers (days since 1970-01-01, counted at midnight UTC), so that
 * `days(a, b)` is a subtraction and no time zone can shift it.
 */
export type DayNumber = number;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Parses `YYYY-MM-DD`; returns undefined for anything that is not a real calendar date. */
export function parseCalendarDate(text: string): DayNumber | undefined {
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return undefined;
  }
  // `| 0` keeps the day a small integer (a Smi in V8) rather than a boxed double: that saves 16
  // bytes per observation held in memory. Day numbers of years 0000–9999 fit in 32 bits.
  return (ms / MS_PER_DAY) | 0;
}

export function isCalendarDate(text: string): boolean {
  return parseCalendarDate(text) !== undefined;
}

export function toDayNumber(text: string): DayNumber {
  const day = parseCalendarDate(text);
  if (day === undefined) throw new RangeError(`not a calendar date: ${text}`);
  return day;
}

/**
 * Formatted days, kept: a national digest formats the same few thousand days millions of times
 * (every milestone verdict, every monthly bucket), and a Date per call made it the digest's
 * largest cost. Bounded by the days a process ever formats (all of 1970–2100 is 48,000 entries).
 */
const formatted = new Map<DayNumber, string>();

export function formatDayNumber(day: DayNumber): string {
  let text = formatted.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    formatted.set(day, text);
  }
  return text;
}

/** Whole days from a to b (b − a). */
export function days(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

export function addDays(date: string, count: number): string {
  return formatDayNumber(toDayNumber(date) + count);
}

const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();
const TIME_FORMATS = new Map<string, Intl.DateTimeFormat>();

/**
 * The formatter of `cache` for a zone, built once: constructing Intl formatters dominates the
 * calls that read wall clocks otherwise. One cache per purpose (set of options).
 */
export function zoneFormat(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: () => Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD; the parts are read by type, so the locale only fixes digits.
    format = new Intl.DateTimeFormat('en-CA', options());
    cache.set(timeZone, format);
  }
  return format;
}

/** The calendar date an instant falls on in an IANA time zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  const parts = zoneFormat(DATE_FORMATS, timeZone, () => ({
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })).formatToParts(instant);
  const pick = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${pick('year')}-${pick('month')}-${pick('day')}`;
}

/** Wall-clock hour and minute of an instant in an IANA time zone, as minutes after midnight. */
export function minuteOfDayInZone(instant: Date, timeZone: string): number {
  const parts = zoneFormat(TIME_FORMATS, timeZone, () => ({
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })).formatToParts(instant);
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? '0');
  const minute = Number(parts.find((part) => part.type === 'minute')?.value ?? '0');
  return hour * 60 + minute;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
