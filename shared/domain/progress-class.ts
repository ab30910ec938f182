import type { DayNumber } from './calendar-date.ts';
import type { DatedValue } from './observation.ts';

/**
 * The pace assessment of UN ESCAP and the Open SDG platform: the compound annual growth rate
 * observed since the baseline against the one the final target needs (docs/evaluation.md,
 * "Progress class").
 */
export const PROGRESS_CLASSES = [
  'target_achieved',
  'on_track',
  'progress_needs_acceleration',
  'limited_progress',
  'deterioration',
] as const;
export type ProgressClass = (typeof PROGRESS_CLASSES)[number];

export interface ProgressThresholds {
  readonly high: number;
  readonly med: number;
  readonly low: number;
}

export const DEFAULT_PROGRESS_THRESHOLDS: ProgressThresholds = { high: 0.95, med: 0.6, low: 0 };

const SLACK = 1e-9;
const DAYS_PER_YEAR = 365.25;
const MIN_PROGRESS_DAYS = 365;
/** A final target of exactly 0 would make every growth rate −100 %: the method uses 0.001 instead. */
const ZERO_TARGET_STAND_IN = 0.001;

export interface ProgressInput {
  readonly sign: 1 | -1;
  readonly baseline: DatedValue;
  readonly latest: DatedValue;
  readonly finalTarget: DatedValue;
  readonly thresholds: ProgressThresholds;
}

/** The class of a series that has a latest observation (callers give null otherwise). */
export function progressClass(input: ProgressInput): ProgressClass | null {
  const { sign, baseline, latest, thresholds } = input;
  const target = input.finalTarget.value === 0 ? ZERO_TARGET_STAND_IN : input.finalTarget.value;
  if (sign * (latest.value - target) >= -SLACK) return 'target_achieved';
  const observedDays = latest.day - baseline.day;
  const requiredDays = input.finalTarget.day - baseline.day;
  if (observedDays < MIN_PROGRESS_DAYS || requiredDays <= 0 || baseline.value <= 0 || latest.value <= 0) {
    return null;
  }
  const observed = growthRate(baseline.value, latest.value, observedDays);
  const required = growthRate(baseline.value, target, requiredDays);
  if (Math.abs(required) < 1e-12) return 'deterioration';
  // No sign flip for a falling indicator: both rates are negative when it falls as it should.
  const ratio = observed / required;
  if (ratio >= thresholds.high - SLACK) return 'on_track';
  if (ratio >= thresholds.med - SLACK) return 'progress_needs_acceleration';
  if (ratio >= thresholds.low - SLACK) return 'limited_progress';
  return 'deterioration';
}

function growthRate(from: number, to: number, days: DayNumber): number {
  return (to / from) ** (DAYS_PER_YEAR / days) - 1;
}
