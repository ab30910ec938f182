import { isUnitValidOn, type Programme } from '../catalog/programme.ts';
import type { Observation } from '../snapshots/observation-rows.ts';
import { toDayNumber } from './calendar-date.ts';
import type { DatedValue } from './observation.ts';
import {
  type EvaluationReport,
  evaluatePlan,
  groupBySeries,
  type SeriesHistory,
} from './programme-evaluation.ts';
import { type SeriesPlan, seriesKey } from './series-plan.ts';
import type { SeriesResult } from './series-status.ts';

export interface PartitionedEvaluation {
  /** Exactly what `evaluateProgramme` gives on the whole history. */
  readonly report: EvaluationReport;
  /**
   * The histories of the units asked for in `keepUnits`, plus those the engine needed across
   * partitions (merged units and their predecessors); every other history was let go.
   */
  readonly kept: SeriesHistory;
  /** Largest partition read, in observations: what bounds the memory of the run. */
  readonly largestPartition: number;
}

/**
 * `evaluateProgramme`, one store partition at a time: each partition is grouped, its units judged,
 * and let go before the next, so that memory follows the largest partition rather than the
 * programme. A partition holds every observation of its units (ObservationStore's contract).
 *
 * A unit whose baseline comes from its predecessors may sit in another partition than they do:
 * those units and their predecessors are kept and judged at the end, as are units with no
 * observation at all (judged on an empty history, which makes them missing).
 */
export async function evaluateByPartition(
  programme: Programme,
  partitions: AsyncIterable<readonly Observation[]>,
  asOf: string,
  keepUnits: ReadonlySet<string> = new Set(),
): Promise<PartitionedEvaluation> {
  const asOfDay = toDayNumber(asOf);
  const plansOf = new Map<string, { plan: SeriesPlan; index: number }[]>();
  for (const [index, plan] of programme.series.entries()) {
    const list = plansOf.get(plan.unit);
    if (list) list.push({ plan, index });
    else plansOf.set(plan.unit, [{ plan, index }]);
  }
  const acrossPartitions = unitsJudgedAtTheEnd(programme);
  const kept = new Map<string, DatedValue[]>();
  const results = new Array<SeriesResult | undefined>(programme.series.length);
  const judged = new Set<string>();
  let largestPartition = 0;

  const judge = (unit: string, history: SeriesHistory) => {
    judged.add(unit);
    const target = programme.units.get(unit);
    if (!target || !isUnitValidOn(target, asOf)) return;
    for (const { plan, index } of plansOf.get(unit) ?? []) {
      results[index] = evaluatePlan(programme, plan, history, asOfDay);
    }
  };

  for await (const partition of partitions) {
    largestPartition = Math.max(largestPartition, partition.length);
    const history = groupBySeries(partition);
    const units = new Set<string>();
    for (const observation of partition) units.add(observation.unit);
    for (const unit of units) {
      if (keepUnits.has(unit) || acrossPartitions.has(unit)) {
        for (const indicator of programme.indicators.keys()) {
          const key = seriesKey(unit, indicator);
          const values = history.get(key);
          if (values) kept.set(key, values);
        }
      }
      if (!acrossPartitions.has(unit)) judge(unit, history);
    }
  }
  for (const unit of plansOf.keys()) if (!judged.has(unit)) judge(unit, kept);

  return {
    report: {
      programme: programme.id,
      asOf,
      results: results.filter((result): result is SeriesResult => result !== undefined),
    },
    kept,
    largestPartition,
  };
}

/** Units that take their baseline from predecessors, and those predecessors. */
function unitsJudgedAtTheEnd(programme: Programme): Set<string> {
  const units = new Set<string>();
  for (const plan of programme.series) {
    if (plan.baselineFrom !== 'predecessors') continue;
    units.add(plan.unit);
    for (const predecessor of programme.units.get(plan.unit)?.mergedFrom ?? []) units.add(predecessor);
  }
  return units;
}
