import { type DayNumber, formatDayNumber } from './calendar-date.ts';
import type { DatedValue } from './observation.ts';
import type { BaselineRule } from './series-plan.ts';

/** What a successor needs to know of one predecessor to inherit its baseline. */
export interface PredecessorReport {
  /** Current values of the predecessor's series of the same indicator, ascending by day. */
  readonly values: readonly DatedValue[];
  /** The predecessor's `staleAfterDays` for that series. */
  readonly staleAfterDays: number;
  /** Its share in the mean (the unit's `weight`, default 1). */
  readonly weight: number;
}

/**
 * A successor's baseline from its predecessors (docs/catalog.md, "Baselines from predecessors"):
 * at the merge day (the successor's `validFrom`), each predecessor's latest value dated before the
 * merge must be fresh (at most its `staleAfterDays` old on the day before the merge); the baseline
 * is then `{date: merge day, value: Σ weight·value / Σ weight}`. If there is no predecessor, or any
 * predecessor did not report in time, there is no such baseline (undefined) and the plan's own
 * baseline rule applies: an average of some would misstate the merged unit.
 */
export function predecessorBaseline(
  mergeDay: DayNumber,
  predecessors: readonly PredecessorReport[],
): BaselineRule | undefined {
  if (predecessors.length === 0) return undefined;
  let weighted = 0;
  let total = 0;
  for (const predecessor of predecessors) {
    const last = lastBefore(predecessor.values, mergeDay);
    if (!last || mergeDay - 1 - last.day > predecessor.staleAfterDays) return undefined;
    weighted += predecessor.weight * last.value;
    total += predecessor.weight;
  }
  return { date: formatDayNumber(mergeDay), day: mergeDay, value: weighted / total };
}

function lastBefore(values: readonly DatedValue[], day: DayNumber): DatedValue | undefined {
  let found: DatedValue | undefined;
  for (const value of values) {
    if (value.day < day) found = value;
    else break;
  }
  return found;
}
