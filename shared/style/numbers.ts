import { type Language, LOCALES } from './language.ts';

const RANK_WORD: Readonly<Record<Language, string>> = { vi: 'hạng', en: 'rank' };

/** The measure a rank is given in the catalogs ("hạng"): whole numbers, lower is better. */
export const RANK_MEASURE = 'hạng';

/**
 * Decimals per unit of measure, always the same for one unit so figures line up and compare:
 * percentages one (45,2%), ranks none (hạng 41), anything else one.
 */
const DECIMALS: Readonly<Record<string, number>> = { '%': 1, [RANK_MEASURE]: 0 };
const DEFAULT_DECIMALS = 1;

export function decimalsOf(measure: string | undefined): number {
  return measure === undefined ? DEFAULT_DECIMALS : (DECIMALS[measure.trim()] ?? DEFAULT_DECIMALS);
}

// Building an Intl formatter costs far more than using one, and messages format thousands of numbers.
const FORMATS = new Map<string, Intl.NumberFormat>();
function numberFormat(language: Language, decimals: number, signed: boolean): Intl.NumberFormat {
  const key = `${language}:${decimals}:${signed}`;
  let format = FORMATS.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language], {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      signDisplay: signed ? 'exceptZero' : 'auto',
    });
    FORMATS.set(key, format);
  }
  return format;
}

/**
 * A number with exactly `decimals` decimals in the language's notation: `1.234,5` in Vietnamese,
 * `1,234.5` in English. `?` for a missing or non-finite value. A value that rounds to zero is
 * shown as zero, never `-0,0`.
 */
export function formatDecimal(
  value: number | null | undefined,
  decimals: number,
  language: Language,
  signed = false,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '?';
  const rounded = Math.round(value * 10 ** decimals) / 10 ** decimals;
  return numberFormat(language, decimals, signed).format(rounded === 0 ? 0 : rounded);
}

/** A number followed by its measure: a percent sign sticks to the number, any other unit is spaced. */
export function joinMeasure(number: string, measure: string | undefined): string {
  const clean = measure?.trim();
  if (!clean) return number;
  return clean === '%' ? `${number}%` : `${number} ${clean}`;
}

/**
 * A value of an indicator with its unit's decimals and measure: `45,2%`, `12,0 hồ sơ`; a rank
 * reads as the province says it, `hạng 41` (formatRank adds how many were ranked when known).
 */
export function formatValue(
  value: number | null | undefined,
  measure: string | undefined,
  language: Language,
  signed = false,
): string {
  const number = formatDecimal(value, decimalsOf(measure), language, signed);
  if (measure?.trim() === RANK_MEASURE && !signed) return `${RANK_WORD[language]} ${number}`;
  return joinMeasure(number, measure);
}

/**
 * A rank as the province quotes it, with how many were ranked on its date: `hạng 41/63`.
 * Without that count, the bare rank: `hạng 41`.
 */
export function formatRank(value: number, outOf: number | undefined, language: Language): string {
  const rank = formatValue(value, RANK_MEASURE, language);
  return outOf === undefined ? rank : `${rank}/${formatDecimal(outOf, 0, language)}`;
}

const POINTS: Readonly<Record<Language, string>> = { vi: 'điểm phần trăm', en: 'percentage points' };
const PLACES: Readonly<Record<Language, string>> = { vi: 'bậc', en: 'places' };

/**
 * The distance between two values of an indicator, signed. A difference of two percentages is in
 * percentage points, not per cent ("-7,4 điểm phần trăm"); between two ranks, in places.
 */
export function formatGap(
  gap: number | null | undefined,
  measure: string | undefined,
  language: Language,
): string {
  const number = formatDecimal(gap, decimalsOf(measure), language, true);
  const clean = measure?.trim();
  if (clean === '%') return `${number} ${POINTS[language]}`;
  if (clean === RANK_MEASURE) return `${number} ${PLACES[language]}`;
  return joinMeasure(number, clean);
}

/** How many days a pace is given over (series-status.ts PACE_DAYS). */
const PACE_WORDS: Readonly<Record<Language, string>> = { vi: 'mỗi 30 ngày', en: 'per 30 days' };

/**
 * A pace (the change of an indicator over 30 days), signed and in the unit of a gap: a
 * percentage moves in percentage points, a rank in places: `+2,3 điểm phần trăm mỗi 30 ngày`,
 * `-1 bậc mỗi 30 ngày`. Never `+2,3%/30 ngày` (that reads as a relative change).
 */
export function formatPace(
  pace: number | null | undefined,
  measure: string | undefined,
  language: Language,
): string {
  return `${formatGap(pace, measure, language)} ${PACE_WORDS[language]}`;
}

/**
 * A change of a share given as fractions (0.05 = five points), in whole percentage points:
 * `+5 điểm phần trăm`. `short` gives the bare signed number for a column whose header names the
 * unit.
 */
export function formatPoints(change: number, language: Language, short = false): string {
  const number = formatDecimal(change * 100, 0, language, true);
  return short ? number : `${number} ${POINTS[language]}`;
}

/**
 * A score or other share given as a fraction 0…1, as a whole percentage: `63%`. Scores count
 * series, so a decimal would claim a precision they do not have.
 */
export function formatShare(fraction: number, language: Language): string {
  return `${formatDecimal(fraction * 100, 0, language)}%`;
}

/** A signed count: `+3`, `-2`, `0`. */
export function formatSignedCount(count: number, language: Language): string {
  return formatDecimal(count, 0, language, true);
}
