import type { DigestLabels } from './digest-labels.ts';

/** Number, share and date formats of the digest, following the labels' locale. */
export interface DigestFormat {
  /** 0.625 → `63%` (vi: `63%`). */
  share(value: number): string;
  /** Score change in percentage points, signed: `+5 pp`. */
  points(change: number): string;
  /** Signed whole number: `+3`, `−2`, `±0`. */
  signed(count: number): string;
  number(value: number): string;
  /** `YYYY-MM-DD` → `22/11/2026` (vi) or unchanged (en). */
  date(date: string): string;
  /** ISO instant → its calendar date and time in the programme's zone. */
  instant(instant: string): string;
}

export function digestFormat(labels: DigestLabels, timeZone: string): DigestFormat {
  const vietnamese = labels.locale.startsWith('vi');
  const share = new Intl.NumberFormat(labels.locale, { style: 'percent', maximumFractionDigits: 0 });
  const number = new Intl.NumberFormat(labels.locale, { maximumFractionDigits: 2 });
  const whole = new Intl.NumberFormat(labels.locale, { maximumFractionDigits: 0 });
  const clock = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const date = (text: string) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    return vietnamese && match ? `${match[3]}/${match[2]}/${match[1]}` : text;
  };
  const sign = (value: number, text: string) =>
    value > 0 ? `+${text}` : value < 0 ? `−${text}` : `±${text}`;
  return {
    share: (value) => share.format(value),
    points: (change) => {
      const rounded = Math.round(change * 100);
      return `${sign(rounded, whole.format(Math.abs(rounded)))} ${vietnamese ? 'điểm %' : 'pp'}`;
    },
    signed: (count) => sign(count, whole.format(Math.abs(count))),
    number: (value) => number.format(value),
    date,
    instant: (instant) => {
      const parts = clock.formatToParts(new Date(instant));
      const pick = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
      return `${date(`${pick('year')}-${pick('month')}-${pick('day')}`)} ${pick('hour')}:${pick('minute')}`;
    },
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
