import { isUnitValidOn, type Programme } from '../catalog/programme.ts';
import type { Observation } from '../snapshots/observation-rows.ts';
import { toDayNumber } from './calendar-date.ts';
import { currentValues, type DatedValue } from './observation.ts';
import { predecessorBaseline } from './predecessor-baseline.ts';
import { type SeriesPlan, seriesKey } from './series-plan.ts';
import { evaluateSeries, type SeriesResult } from './series-status.ts';
import { applyTargetRule } from './target-rule.ts';

/** The document `dtwatch evaluate --format json` prints. */
export interface EvaluationReport {
  programme: string;
  asOf: string;
  results: SeriesResult[];
}

/** Observations of one series in the order they were received (revisions last). */
export type SeriesHistory = ReadonlyMap<string, readonly DatedValue[]>;

export function groupBySeries(observations: Iterable<Observation>): Map<string, DatedValue[]> {
  const grouped = new Map<string, DatedValue[]>();
  // A national history has millions of observations but few distinct dates, and arrives mostly
  // series by series: parse each date once and look a series up only when it changes.
  const dayOf = new Map<string, number>();
  let unit: string | undefined;
  let indicator: string | undefined;
  let list: DatedValue[] = [];
  for (const observation of observations) {
    if (observation.unit !== unit || observation.indicator !== indicator) {
      unit = observation.unit;
      indicator = observation.indicator;
      const key = seriesKey(unit, indicator);
      const existing = grouped.get(key);
      if (existing) list = existing;
      else {
        list = [];
        grouped.set(key, list);
      }
    }
    let day = dayOf.get(observation.date);
    if (day === undefined) {
      day = toDayNumber(observation.date);
      dayOf.set(observation.date, day);
    }
    list.push({ day, value: observation.value });
  }
  return grouped;
}

/** Every series of a unit valid on `asOf`, judged by evaluation.md, in unit then indicator order. */
export function evaluateProgramme(
  programme: Programme,
  history: SeriesHistory,
  asOf: string,
): EvaluationReport {
  const asOfDay = toDayNumber(asOf);
  const results: SeriesResult[] = [];
  for (const plan of programme.series) {
    const unit = programme.units.get(plan.unit);
    if (!unit || !isUnitValidOn(unit, asOf)) continue;
    results.push(evaluatePlan(programme, plan, history, asOfDay));
  }
  return { programme: programme.id, asOf, results };
}

/** One series as of `asOfDay`: the spec's result, with the catalog's baselineFrom and target rule applied. */
export function evaluatePlan(
  programme: Programme,
  plan: SeriesPlan,
  history: SeriesHistory,
  asOfDay: number,
): SeriesResult {
  const values = currentValues(history.get(seriesKey(plan.unit, plan.indicator)) ?? [], asOfDay);
  const judgedPlan =
    plan.baselineFrom === 'predecessors' ? inheritBaseline(programme, plan, history, asOfDay) : plan;
  return applyTargetRule(judgedPlan, values, evaluateSeries(judgedPlan, values, asOfDay));
}

/** The plan with its baseline taken from the unit's predecessors in the catalog, when they reported. */
export function inheritBaseline(
  programme: Programme,
  plan: SeriesPlan,
  history: SeriesHistory,
  asOfDay: number,
): SeriesPlan {
  const unit = programme.units.get(plan.unit);
  if (!unit?.validFrom) return plan;
  const predecessors = (unit.mergedFrom ?? []).flatMap((id) => {
    const predecessorPlan = programme.planOf(id, plan.indicator);
    if (!predecessorPlan) return [];
    const received = history.get(seriesKey(id, plan.indicator)) ?? [];
    return [
      {
        values: currentValues(received, asOfDay),
        staleAfterDays: predecessorPlan.staleAfterDays,
        weight: programme.units.get(id)?.weight ?? 1,
      },
    ];
  });
  const baseline = predecessorBaseline(toDayNumber(unit.validFrom), predecessors);
  return baseline ? { ...plan, baseline } : plan;
}
