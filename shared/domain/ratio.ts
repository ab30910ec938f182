import type { DayNumber } from './calendar-date.ts';

/**
 * The optional `numerator` and `denominator` of a snapshot: the counts its value was computed
 * from (dossiers online / all dossiers). They let a level-wide figure be the exact pooled share
 * instead of a mean of shares (docs/scorecard.md).
 */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

/** A percentage is 100 · numerator / denominator; any other unit is the plain quotient. */
export function ratioScale(indicatorUnit: string | undefined): number {
  return indicatorUnit?.trim() === '%' ? 100 : 1;
}

/**
 * How far a value may stray from scale · numerator / denominator: half a step of the second decimal
 * of the fraction (0.05 points of a percentage), so values rounded to one decimal of a percent pass.
 */
export function ratioAgreesWithValue(ratio: Ratio, value: number, scale: number): boolean {
  return Math.abs(value - (scale * ratio.numerator) / ratio.denominator) <= 0.0005 * scale + 1e-9;
}

/** The ratios of the observations that carry one, by series key then day; most carry none. */
export type RatioIndex = ReadonlyMap<string, ReadonlyMap<DayNumber, Ratio>>;
