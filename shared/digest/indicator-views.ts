import { isUnitValidOn, type Programme } from '../catalog/programme.ts';
import { addDays, toDayNumber } from '../domain/calendar-date.ts';
import { currentValues } from '../domain/observation.ts';
import type { SeriesHistory } from '../domain/programme-evaluation.ts';
import { seriesKey } from '../domain/series-plan.ts';
import { type SeriesResult, seriesStanding } from '../domain/series-status.ts';
import type { IndicatorView } from './digest.ts';

/** Weeks in the per-indicator trend: a quarter, short enough to show what moved lately. */
export const WEEKLY_TREND_WEEKS = 12;

/**
 * Per indicator, how its units stand and how they moved: the latest value of every unit of the
 * indicator's widest level (the communes, in practice) with its status, for the distribution;
 * and that level's mean reported and mean required value at each of the last 12 Sundays, for the
 * trend. Every trend shares the same 12 dates, so the charts' time axes line up.
 */
export function buildIndicatorViews(
  programme: Programme,
  history: SeriesHistory,
  results: readonly SeriesResult[],
  asOf: string,
): IndicatorView[] {
  const weeks = Array.from({ length: WEEKLY_TREND_WEEKS }, (_, index) =>
    addDays(asOf, -(WEEKLY_TREND_WEEKS - 1 - index) * 7),
  );
  const views: IndicatorView[] = [];
  for (const indicator of programme.catalog.indicators) {
    const level = widestLevel(programme, results, indicator.id);
    if (level === undefined) continue;
    const units = results.filter(
      (result) => result.indicator === indicator.id && programme.units.get(result.unit)?.level === level,
    );
    const plans = programme.series.filter(
      (plan) => plan.indicator === indicator.id && programme.units.get(plan.unit)?.level === level,
    );
    const sums = weeks.map(() => ({ value: 0, values: 0, required: 0, requireds: 0 }));
    for (const plan of plans) {
      const unit = programme.units.get(plan.unit);
      const received = history.get(seriesKey(plan.unit, plan.indicator)) ?? [];
      weeks.forEach((date, index) => {
        if (!unit || !isUnitValidOn(unit, date)) return;
        const day = toDayNumber(date);
        const result = seriesStanding(plan, currentValues(received, day), day);
        const sum = sums[index] as (typeof sums)[number];
        if (result.value !== null) {
          sum.value += result.value;
          sum.values += 1;
        }
        if (result.required !== null) {
          sum.required += result.required;
          sum.requireds += 1;
        }
      });
    }
    views.push({
      indicator: indicator.id,
      indicatorName: indicator.name,
      ...(indicator.unit !== undefined && { measure: indicator.unit }),
      direction: indicator.direction,
      ...(indicator.min !== undefined && { min: indicator.min }),
      ...(indicator.max !== undefined && { max: indicator.max }),
      level,
      distribution: units
        .filter((result) => result.value !== null)
        .map((result) => ({ unit: result.unit, value: result.value as number, status: result.status })),
      unitsWithoutValue: units.filter((result) => result.value === null).length,
      weekly: weeks.map((date, index) => {
        const sum = sums[index] as (typeof sums)[number];
        return {
          date,
          mean: sum.values === 0 ? null : sum.value / sum.values,
          required: sum.requireds === 0 ? null : sum.required / sum.requireds,
          reporting: sum.values,
        };
      }),
    });
  }
  return views;
}

/** The level with the most units judged on the indicator (ties: the later, i.e. lower, level). */
function widestLevel(
  programme: Programme,
  results: readonly SeriesResult[],
  indicator: string,
): string | undefined {
  const counts = new Map<string, number>();
  for (const result of results) {
    if (result.indicator !== indicator) continue;
    const level = programme.units.get(result.unit)?.level;
    if (level !== undefined) counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [level, count] of counts) {
    if (count >= bestCount) {
      best = level;
      bestCount = count;
    }
  }
  return best;
}
