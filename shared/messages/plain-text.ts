import { decimalsOf, formatDecimal, joinMeasure } from '../style/numbers.ts';
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

/**
 * A number in the house style (docs/style.md): the decimals of its unit of measure (one for a
 * percentage, none for a rank), the language's notation.
 */
export function formatNumber(
  value: number | null | undefined,
  language: Language,
  signed = false,
  measure?: string,
): string {
  return formatDecimal(value, decimalsOf(measure), language, signed);
}

/** "45,2%" or "12 hồ sơ": a percent sign sticks to the number, any other unit is spaced. */
export function withMeasure(number: string, measure: string | undefined): string {
  return joinMeasure(number, measure === undefined ? undefined : cleanText(measure));
}
