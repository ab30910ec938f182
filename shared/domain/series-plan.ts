import type { DayNumber } from './calendar-date.ts';
import type { TargetRule } from './target-rule.ts';

export type Direction = 'increase' | 'decrease';

export interface PlanPoint {
  readonly date: string;
  readonly day: DayNumber;
  readonly value: number;
}

/** A baseline as the catalog states it: the value may be left to the observations. */
export interface BaselineRule {
  readonly date: string;
  readonly day: DayNumber;
  readonly value?: number;
}

/** Everything the engine needs to judge one (programme, unit, indicator) series. */
export interface SeriesPlan {
  readonly unit: string;
  readonly indicator: string;
  readonly direction: Direction;
  /** Absent: the series' earliest observation is the baseline. */
  readonly baseline?: BaselineRule;
  /** At least one, strictly increasing dates; the last is the final target. */
  readonly milestones: readonly PlanPoint[];
  readonly tolerance: number;
  readonly staleAfterDays: number;
  readonly min?: number;
  readonly max?: number;
  /** How the target is met beside its trajectory (hold, band); absent: the trajectory alone. */
  readonly rule?: TargetRule;
  /** Take the baseline value from the unit's predecessors (shared/domain/predecessor-baseline.ts). */
  readonly baselineFrom?: 'predecessors';
}

export const DEFAULT_TOLERANCE = 0;
export const DEFAULT_STALE_AFTER_DAYS = 45;

export function seriesKey(unit: string, indicator: string): string {
  return `${unit}\u0000${indicator}`;
}

export function directionSign(direction: Direction): 1 | -1 {
  return direction === 'increase' ? 1 : -1;
}
