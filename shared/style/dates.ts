import type { Language } from './language.ts';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A calendar date as people write it: `22/11/2026` in Vietnamese, `22 Nov 2026` in English (a
 * month name, so no reader takes 02/03 for 3 February). Anything that is not `YYYY-MM-DD` is
 * returned as it came: a date we cannot read is better shown than hidden.
 */
export function formatDate(date: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const [, year, month, day] = match;
  return language === 'vi'
    ? `${day}/${month}/${year}`
    : `${Number(day)} ${MONTHS_EN[Number(month) - 1] ?? month} ${year}`;
}

// One formatter per zone: building an Intl formatter costs far more than using one.
const CLOCKS = new Map<string, Intl.DateTimeFormat>();
function clockIn(timeZone: string): Intl.DateTimeFormat {
  let clock = CLOCKS.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    CLOCKS.set(timeZone, clock);
  }
  return clock;
}

/** An instant as the date and 24-hour time on the programme's wall clock: `22/11/2026 08:00`. */
export function formatDateTime(instant: string | Date, timeZone: string, language: Language): string {
  const parts = clockIn(timeZone).formatToParts(typeof instant === 'string' ? new Date(instant) : instant);
  const pick = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${formatDate(`${pick('year')}-${pick('month')}-${pick('day')}`, language)} ${pick('hour')}:${pick('minute')}`;
}

/** Day and month only, for axis labels where the year is shown elsewhere: `22/11`, `22 Nov`. */
export function formatDayMonth(date: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const [, , month, day] = match;
  return language === 'vi' ? `${day}/${month}` : `${Number(day)} ${MONTHS_EN[Number(month) - 1] ?? month}`;
}
