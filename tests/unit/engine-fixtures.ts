import { type DayNumber, toDayNumber } from '../../shared/domain/calendar-date.ts';
import { currentValues, type DatedValue } from '../../shared/domain/observation.ts';
import type { PlanPoint, SeriesPlan } from '../../shared/domain/series-plan.ts';
import { evaluateSeries, type SeriesResult } from '../../shared/domain/series-status.ts';

export function day(date: string): DayNumber {
  return toDayNumber(date);
}

export function point(date: string, value: number): PlanPoint {
  return { date, day: day(date), value };
}

export function observed(date: string, value: number): DatedValue {
  return { day: day(date), value };
}

/**
 * The reference plan of these tests: +1 per day from 20 on 2025-01-01 to 50 on 2025-01-31 (30 days),
 * then +1 per day again to 80 on 2025-03-02 (30 days, February 2025 has 28).
 */
export function increasePlan(changes: Partial<SeriesPlan> = {}): SeriesPlan {
  return {
    unit: 'u1',
    indicator: 'dossiers-online',
    direction: 'increase',
    baseline: { date: '2025-01-01', day: day('2025-01-01'), value: 20 },
    milestones: [point('2025-01-31', 50), point('2025-03-02', 80)],
    tolerance: 5,
    staleAfterDays: 45,
    min: 0,
    max: 100,
    ...changes,
  };
}

/** A rank: from 60 on 2025-01-01 down 1 a day to 30 on 2025-01-31, then to 10 on 2025-03-02. */
export function decreasePlan(changes: Partial<SeriesPlan> = {}): SeriesPlan {
  return {
    unit: 'u1',
    indicator: 'digital-gov-rank',
    direction: 'decrease',
    baseline: { date: '2025-01-01', day: day('2025-01-01'), value: 60 },
    milestones: [point('2025-01-31', 30), point('2025-03-02', 10)],
    tolerance: 2,
    staleAfterDays: 45,
    min: 1,
    max: 63,
    ...changes,
  };
}

/**
 * Evaluates the way evaluateProgramme does: observations in the order received (revisions last),
 * collapsed to one value per day and cut at `asOf`, then judged.
 */
export function evaluate(plan: SeriesPlan, received: readonly DatedValue[], asOf: string): SeriesResult {
  const asOfDay = day(asOf);
  return evaluateSeries(plan, currentValues(received, asOfDay), asOfDay);
}
