import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatIsoWeek,
  isoWeekDates,
  isoWeekOfDate,
  nextIsoWeek,
  parseIsoWeek,
  previousIsoWeek,
  weeksInYear,
} from '../../shared/digest/iso-week.ts';
import { isWithin, lastCompletedWeek, localMidnight, weekWindow } from '../../shared/digest/week-window.ts';
import { addDays } from '../../shared/domain/calendar-date.ts';

describe('ISO weeks', () => {
  it.each([
    ['2026-W01', '2025-12-29', '2026-01-04'],
    ['2020-W53', '2020-12-28', '2021-01-03'],
    ['2021-W01', '2021-01-04', '2021-01-10'],
    ['2015-W53', '2015-12-28', '2016-01-03'],
    ['2026-W47', '2026-11-16', '2026-11-22'],
    ['2024-W01', '2024-01-01', '2024-01-07'],
    ['2027-W52', '2027-12-27', '2028-01-02'],
  ])('%s runs from Monday %s to Sunday %s', (text, monday, sunday) => {
    const week = parseIsoWeek(text);
    expect(week).toBeDefined();
    if (!week) return;
    expect(isoWeekDates(week)).toEqual({ monday, sunday });
    expect(isoWeekOfDate(monday)).toEqual(week);
    expect(isoWeekOfDate(sunday)).toEqual(week);
    expect(formatIsoWeek(week)).toBe(text);
  });

  it('puts dates near New Year in the week of their Thursday', () => {
    expect(formatIsoWeek(isoWeekOfDate('2025-12-29'))).toBe('2026-W01');
    expect(formatIsoWeek(isoWeekOfDate('2021-01-01'))).toBe('2020-W53');
    expect(formatIsoWeek(isoWeekOfDate('2021-01-03'))).toBe('2020-W53');
    expect(formatIsoWeek(isoWeekOfDate('2023-01-01'))).toBe('2022-W52');
    expect(formatIsoWeek(isoWeekOfDate('2024-12-30'))).toBe('2025-W01');
  });

  it('knows which years have 53 weeks', () => {
    const long = [2004, 2009, 2015, 2020, 2026, 2032].map(weeksInYear);
    expect(long).toEqual([53, 53, 53, 53, 53, 53]);
    expect([2021, 2022, 2023, 2024, 2025, 2027].map(weeksInYear)).toEqual([52, 52, 52, 52, 52, 52]);
  });

  it('rejects malformed weeks and weeks the year does not have', () => {
    for (const text of [
      '2026-W00',
      '2025-W53',
      '2026-W54',
      '2026W47',
      '2026-w47',
      '2026-W7',
      ' 2026-W47',
      '',
    ]) {
      expect(parseIsoWeek(text), text).toBeUndefined();
    }
    expect(parseIsoWeek('2026-W53')).toEqual({ year: 2026, week: 53 });
  });

  it('steps across year boundaries', () => {
    const w = (text: string) => parseIsoWeek(text) ?? { year: 0, week: 0 };
    expect(formatIsoWeek(previousIsoWeek(w('2026-W01')))).toBe('2025-W52');
    expect(formatIsoWeek(previousIsoWeek(w('2021-W01')))).toBe('2020-W53');
    expect(formatIsoWeek(nextIsoWeek(w('2020-W53')))).toBe('2021-W01');
    expect(formatIsoWeek(nextIsoWeek(w('2026-W52')))).toBe('2026-W53');
  });

  it('agrees with a day-by-day count for every date of 1990–2060 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 70 * 366 }), (offset) => {
        const date = addDays('1990-01-01', offset);
        const week = isoWeekOfDate(date);
        const { monday, sunday } = isoWeekDates(week);
        expect(monday <= date && date <= sunday).toBe(true);
        expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1);
        expect(week.week).toBeGreaterThanOrEqual(1);
        expect(week.week).toBeLessThanOrEqual(weeksInYear(week.year));
        // The week's Thursday is in the week's year.
        expect(addDays(monday, 3).slice(0, 4)).toBe(String(week.year));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('week windows in a time zone', () => {
  it('runs from Monday 00:00 to Sunday 24:00 on the programme’s clock', () => {
    const week = parseIsoWeek('2026-W01') ?? { year: 0, week: 0 };
    expect(weekWindow(week, 'Asia/Ho_Chi_Minh')).toEqual({
      monday: '2025-12-29',
      sunday: '2026-01-04',
      start: '2025-12-28T17:00:00.000Z',
      end: '2026-01-04T17:00:00.000Z',
    });
  });

  it('follows daylight saving time where the zone has it', () => {
    // Europe/Berlin: CET (+1) in winter, CEST (+2) from 2026-03-29.
    const week = parseIsoWeek('2026-W13') ?? { year: 0, week: 0 };
    expect(weekWindow(week, 'Europe/Berlin')).toMatchObject({
      start: '2026-03-22T23:00:00.000Z',
      end: '2026-03-29T22:00:00.000Z',
    });
    expect(localMidnight('2026-07-01', 'America/New_York').toISOString()).toBe('2026-07-01T04:00:00.000Z');
  });

  it('includes the start and excludes the end', () => {
    const window = weekWindow(parseIsoWeek('2026-W10') ?? { year: 0, week: 0 }, 'Asia/Ho_Chi_Minh');
    expect(isWithin('2026-03-01T17:00:00.000Z', window)).toBe(true);
    expect(isWithin('2026-03-01T16:59:59.999Z', window)).toBe(false);
    expect(isWithin('2026-03-08T16:59:59.999Z', window)).toBe(true);
    expect(isWithin('2026-03-08T17:00:00.000Z', window)).toBe(false);
    expect(isWithin('2026-03-02T00:00:00+07:00', window)).toBe(true);
    expect(isWithin(undefined, window)).toBe(false);
  });

  it('takes the last week that has ended on the programme’s clock', () => {
    // Sunday 2026-11-22 23:30 in Hanoi is still week 47: the last complete week is 46.
    expect(formatIsoWeek(lastCompletedWeek(new Date('2026-11-22T16:30:00Z'), 'Asia/Ho_Chi_Minh'))).toBe(
      '2026-W46',
    );
    // Monday 00:30 in Hanoi (still Sunday in UTC): week 47 has ended.
    expect(formatIsoWeek(lastCompletedWeek(new Date('2026-11-22T17:30:00Z'), 'Asia/Ho_Chi_Minh'))).toBe(
      '2026-W47',
    );
    expect(formatIsoWeek(lastCompletedWeek(new Date('2026-01-01T00:00:00Z'), 'Asia/Ho_Chi_Minh'))).toBe(
      '2025-W52',
    );
  });
});
