import type { Programme } from '../catalog/programme.ts';
import { toDayNumber } from './calendar-date.ts';
import { evaluatePlan, type SeriesHistory } from './programme-evaluation.ts';
import type { SeriesResult } from './series-status.ts';

/**
 * What a dissolved unit leaves behind: every series of it judged as of its last valid day
 * (`validTo`), statuses and milestone verdicts (projections for milestones after that day), kept
 * so that the reorganisation does not erase who was behind.
 */
export interface FinalRecord {
  readonly programme: string;
  readonly unit: string;
  readonly unitName: string;
  readonly level: string;
  /** The unit's `validTo`: the day the figures are as of. */
  readonly validTo: string;
  /** When the record was made (ISO-8601 UTC). */
  readonly recordedAt: string;
  readonly results: readonly SeriesResult[];
}

/** Units whose `validTo` has passed by `today`, that have series and no final record yet. */
export function unitsDueAFinalRecord(
  programme: Programme,
  today: string,
  recorded: ReadonlySet<string>,
): string[] {
  const withSeries = new Set(programme.series.map((plan) => plan.unit));
  return programme.catalog.units
    .filter((unit) => unit.validTo !== undefined && unit.validTo < today)
    .filter((unit) => withSeries.has(unit.id) && !recorded.has(unit.id))
    .map((unit) => unit.id);
}

/** The final record of `unitId` from its history, judged by the engine as of its `validTo`. */
export function finalRecordOf(
  programme: Programme,
  unitId: string,
  history: SeriesHistory,
  recordedAt: string,
): FinalRecord {
  const unit = programme.units.get(unitId);
  if (!unit?.validTo) throw new RangeError(`unit "${unitId}" has no validTo: it is not dissolved`);
  const asOfDay = toDayNumber(unit.validTo);
  const results = programme.series
    .filter((plan) => plan.unit === unitId)
    .map((plan) => evaluatePlan(programme, plan, history, asOfDay));
  return {
    programme: programme.id,
    unit: unit.id,
    unitName: unit.name,
    level: unit.level,
    validTo: unit.validTo,
    recordedAt,
    results,
  };
}
