import type { Language } from './labels.ts';

/**
 * Text from data (names, notes) made safe for a plain-text message: NFC, and no control or
 * formatting characters, so a value cannot break a line, forge a header or reorder text. Nothing
 * is ever evaluated: `${x}`, `{{x}}` or `<script>` stay the literal characters they are.
 */
export function cleanText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

const LOCALES: Readonly<Record<Language, string>> = { vi: 'vi-VN', en: 'en-US' };

export function formatNumber(value: number | null | undefined, language: Language, signed = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '?';
  const rounded = Math.abs(value) < 0.005 ? 0 : value;
  return numberFormat(language, signed).format(rounded);
}

// Building an Intl formatter costs far more than using one, and messages format thousands of numbers.
const NUMBER_FORMATS = new Map<string, Intl.NumberFormat>();
function numberFormat(language: Language, signed: boolean): Intl.NumberFormat {
  const key = `${language}:${signed}`;
  let format = NUMBER_FORMATS.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language], {
      maximumFractionDigits: 2,
      signDisplay: signed ? 'exceptZero' : 'auto',
    });
    NUMBER_FORMATS.set(key, format);
  }
  return format;
}

/** "45,2%" or "12 hồ sơ": a percent sign sticks to the number, any other unit is spaced. */
export function withMeasure(number: string, measure: string | undefined): string {
  if (!measure) return number;
  const clean = cleanText(measure);
  return clean === '%' ? `${number}%` : `${number} ${clean}`;
}

/** Shell-safe rendering of a command argument (single quotes when needed). */
export function shellArgument(value: string): string {
  if (/^[A-Za-z0-9._/:=@+-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `19/05/2025` in Vietnamese, `19 May 2025` in English; anything else is shown as it came. */
export function formatDate(date: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const [, year, month, day] = match;
  return language === 'vi'
    ? `${day}/${month}/${year}`
    : `${Number(day)} ${MONTHS_EN[Number(month) - 1] ?? month} ${year}`;
}
