import type { AlertPolicy } from '../catalog/catalog-schema.ts';
import { minuteOfDayInZone } from '../domain/calendar-date.ts';

/**
 * Whether `instant` falls in the quiet hours, read on the programme's wall clock. The window may
 * wrap midnight (21:00–07:00); start is inside it, end is not. Equal bounds mean no quiet hours.
 */
export function isQuietTime(instant: Date, timeZone: string, quietHours: AlertPolicy['quietHours']): boolean {
  const start = minutesOf(quietHours.start);
  const end = minutesOf(quietHours.end);
  if (start === end) return false;
  const minute = minuteOfDayInZone(instant, timeZone);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

function minutesOf(clock: string): number {
  const [hours = '0', minutes = '0'] = clock.split(':');
  return Number(hours) * 60 + Number(minutes);
}
