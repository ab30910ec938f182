import { formatDate, formatDateTime, formatDayMonth } from '../style/dates.ts';
import { formatPoints, formatShare, formatSignedCount, formatValue } from '../style/numbers.ts';
import type { DigestLabels } from './digest-labels.ts';

/** The digest's numbers and dates, in the house style (shared/style, docs/style.md). */
export interface DigestFormat {
  /** 0.625 → `63%`. */
  share(value: number): string;
  /** Score change in percentage points, signed: `+5 điểm phần trăm`; `short`: `+5`. */
  points(change: number, short?: boolean): string;
  /** Signed whole number: `+3`, `-2`, `0`. */
  signed(count: number): string;
  /** An axis tick: as many decimals as the round number needs (`20`, `2,5`). */
  number(value: number): string;
  /** A value of an indicator with its unit's decimals and measure: `45,2%`, `hạng 8`. */
  value(value: number | null, measure: string | undefined): string;
  /** `YYYY-MM-DD` → `22/11/2026` (vi) or `22 Nov 2026` (en). */
  date(date: string): string;
  /** `YYYY-MM-DD` → `22/11` (vi) or `22 Nov` (en), for time axes. */
  dayMonth(date: string): string;
  /** ISO instant → its calendar date and time in the programme's zone. */
  instant(instant: string): string;
}

export function digestFormat(labels: DigestLabels, timeZone: string): DigestFormat {
  const { language } = labels;
  const tick = new Intl.NumberFormat(labels.locale, { maximumFractionDigits: 2 });
  return {
    share: (value) => formatShare(value, language),
    points: (change, short = false) => formatPoints(change, language, short),
    signed: (count) => formatSignedCount(count, language),
    number: (value) => tick.format(value),
    value: (value, measure) => formatValue(value, measure, language),
    date: (date) => formatDate(date, language),
    dayMonth: (date) => formatDayMonth(date, language),
    instant: (instant) => formatDateTime(instant, timeZone, language),
  };
}

/**
 * Free text from data (names, notes, errors) on one line, without control or bidi-override
 * characters: a note cannot start a fake section, hide text or reorder a line in a mail client.
 */
export function plainText(text: string, maxLength = 300): string {
  const flat = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  const chars = [...flat];
  return chars.length <= maxLength ? flat : `${chars.slice(0, maxLength - 1).join('')}…`;
}
