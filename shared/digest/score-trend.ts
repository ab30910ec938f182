import { isUnitValidOn, type Programme } from '../catalog/programme.ts';
import { addDays, toDayNumber } from '../domain/calendar-date.ts';
import { currentValues } from '../domain/observation.ts';
import type { SeriesHistory } from '../domain/programme-evaluation.ts';
import { seriesKey } from '../domain/series-plan.ts';
import { seriesStanding } from '../domain/series-status.ts';
import { isGood } from './league-table.ts';

/** Points of the league-table sparkline: 13 points 4 weeks apart, i.e. about a year. */
export const TREND_POINTS = 13;
export const TREND_STEP_DAYS = 28;

/**
 * Each unit's score (share of series on track or achieved) re-evaluated at earlier dates, so the
 * sparkline shows the unit's own path without needing a year of stored digests. The last point
 * is the score as of `asOf`. Units not valid on a date get null there.
 */
export function scoreTrends(
  programme: Programme,
  history: SeriesHistory,
  asOf: string,
): Map<string, (number | null)[]> {
  const dates = Array.from({ length: TREND_POINTS }, (_, index) =>
    addDays(asOf, -(TREND_POINTS - 1 - index) * TREND_STEP_DAYS),
  );
  const tallies = new Map<string, { good: number; total: number }[]>();
  for (const plan of programme.series) {
    const unit = programme.units.get(plan.unit);
    if (!unit) continue;
    let unitTallies = tallies.get(plan.unit);
    if (!unitTallies) {
      unitTallies = dates.map(() => ({ good: 0, total: 0 }));
      tallies.set(plan.unit, unitTallies);
    }
    const received = history.get(seriesKey(plan.unit, plan.indicator)) ?? [];
    dates.forEach((date, index) => {
      if (!isUnitValidOn(unit, date)) return;
      const day = toDayNumber(date);
      const result = seriesStanding(plan, currentValues(received, day), day);
      const tally = unitTallies[index] as { good: number; total: number };
      tally.total += 1;
      if (isGood(result.status)) tally.good += 1;
    });
  }
  return new Map(
    [...tallies].map(([unit, unitTallies]) => [
      unit,
      unitTallies.map((tally) => (tally.total === 0 ? null : tally.good / tally.total)),
    ]),
  );
}
