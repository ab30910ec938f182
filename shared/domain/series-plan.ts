import type { DayNumber } from './calendar-date.ts';
import type { ProgressThresholds } from './progress-class.ts';
import type { ReportingCalendar } from './reporting-calendar.ts';
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
  /** Resolved: the catalog's setting, else the calendar's default, else 45. */
  readonly staleAfterDays: number;
  readonly min?: number;
  readonly max?: number;
  /** How the target is met beside its trajectory (hold, band); absent: the trajectory alone. */
  readonly rule?: TargetRule;
  /** Take the baseline value from the unit's predecessors (shared/domain/predecessor-baseline.ts). */
  readonly baselineFrom?: 'predecessors';
  /** How often the figure is produced and how late it comes (docs/evaluation.md, calendars). */
  readonly calendar?: ReportingCalendar;
  /**
   * The day the first report becomes owed from: the later of the unit's validFrom and the
   * catalog's baseline date. Absent: the series has no start and is never overdue before it reports.
   */
  readonly start?: DayNumber;
  /** The programme's thresholds of the progress class; absent: the defaults. */
  readonly progressThresholds?: ProgressThresholds;
}

export const DEFAULT_TOLERANCE = 0;
export const DEFAULT_STALE_AFTER_DAYS = 45;

export function seriesKey(unit: string, indicator: string): string {
  return `${unit}\u0000${indicator}`;
}

export function directionSign(direction: Direction): 1 | -1 {
  return direction === 'increase' ? 1 : -1;
}
