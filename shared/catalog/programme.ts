import { toDayNumber } from '../domain/calendar-date.ts';
import type { ProgressThresholds } from '../domain/progress-class.ts';
import {
  calendarStaleAfterDays,
  DEFAULT_GRACE_DAYS,
  DEFAULT_PUBLICATION_LAG_DAYS,
  type ReportingCalendar,
} from '../domain/reporting-calendar.ts';
import {
  DEFAULT_STALE_AFTER_DAYS,
  DEFAULT_TOLERANCE,
  type SeriesPlan,
  seriesKey,
} from '../domain/series-plan.ts';
import type { TargetRule } from '../domain/target-rule.ts';
import type { Catalog, Contact, Indicator, Override, Target, Unit } from './catalog-schema.ts';
import { targetForUnit } from './target-validity.ts';

/** A checked catalog with its lookups and the plan of every series resolved once. */
export interface Programme {
  readonly catalog: Catalog;
  readonly id: string;
  readonly timezone: string;
  readonly units: ReadonlyMap<string, Unit>;
  readonly indicators: ReadonlyMap<string, Indicator>;
  /** Every series, sorted by unit id then indicator id (plain string order). */
  readonly series: readonly SeriesPlan[];
  planOf(unit: string, indicator: string): SeriesPlan | undefined;
  /**
   * Indicator owners named by the directory (indicator id → the owning unit and the person);
   * without one, the head of the catalog's `indicator.owner` unit answers (recipients.ts).
   */
  readonly owners?: ReadonlyMap<string, { readonly unit: string; readonly contact: Contact }>;
  /**
   * The catalog version the programme was read from (shared/catalog/catalog-version.ts): every
   * alert change, notification and digest records it. Absent for a catalog built in memory.
   */
  readonly catalogVersion?: string;
}

export function buildProgramme(catalog: Catalog): Programme {
  const units = new Map(catalog.units.map((unit) => [unit.id, unit]));
  const indicators = new Map(catalog.indicators.map((indicator) => [indicator.id, indicator]));
  const overrides = new Map(
    catalog.overrides.map((override) => [seriesKey(override.unit, override.indicator), override]),
  );
  const plans = new Map<string, SeriesPlan>();
  for (const unit of catalog.units) {
    for (const indicator of catalog.indicators) {
      const override = overrides.get(seriesKey(unit.id, indicator.id));
      const plan = resolvePlan(unit, indicator, override, catalog.programme.progressThresholds);
      if (plan) plans.set(seriesKey(unit.id, indicator.id), plan);
    }
  }
  const series = [...plans.values()].sort(
    (a, b) => compareIds(a.unit, b.unit) || compareIds(a.indicator, b.indicator),
  );
  return {
    catalog,
    id: catalog.programme.id,
    timezone: catalog.programme.timezone,
    units,
    indicators,
    series,
    planOf: (unit, indicator) => plans.get(seriesKey(unit, indicator)),
  };
}

/** Indicator defaults, then the target for the unit's level, then the unit's override. */
function resolvePlan(
  unit: Unit,
  indicator: Indicator,
  override: Override | undefined,
  progressThresholds: ProgressThresholds,
): SeriesPlan | undefined {
  const target = targetForUnit(indicator, unit);
  if (!target) return undefined;
  const rule = targetRuleOf(target);
  const baselineFrom = override?.baselineFrom ?? target.baselineFrom;
  const baseline = override?.baseline ?? target.baseline;
  const milestones = override?.milestones ?? target.milestones;
  const min = override?.min ?? target.min ?? indicator.min;
  const max = override?.max ?? target.max ?? indicator.max;
  const calendar = resolveCalendar(indicator, target, override);
  const staleAfterDays = override?.staleAfterDays ?? target.staleAfterDays ?? indicator.staleAfterDays;
  const start = seriesStart(unit.validFrom, baseline?.date);
  return {
    unit: unit.id,
    indicator: indicator.id,
    direction: indicator.direction,
    ...(baseline && {
      baseline: { date: baseline.date, day: toDayNumber(baseline.date), value: baseline.value },
    }),
    milestones: milestones.map((milestone) => ({ ...milestone, day: toDayNumber(milestone.date) })),
    tolerance: override?.tolerance ?? target.tolerance ?? indicator.tolerance ?? DEFAULT_TOLERANCE,
    // A calendar's default applies only when no level of the catalog states staleAfterDays.
    staleAfterDays:
      staleAfterDays ?? (calendar ? calendarStaleAfterDays(calendar) : DEFAULT_STALE_AFTER_DAYS),
    ...(min !== undefined && { min }),
    ...(max !== undefined && { max }),
    ...(rule && { rule }),
    ...(baselineFrom && { baselineFrom }),
    ...(calendar && { calendar }),
    ...(start !== undefined && { start }),
    progressThresholds,
  };
}

function targetRuleOf(target: Target): TargetRule | undefined {
  if (target.kind === 'hold') return { kind: 'hold' };
  if (target.kind === 'band' && target.band) return { kind: 'band', ...target.band };
  return undefined;
}

/** Each calendar field from the most specific level that sets it; no cadence, no calendar. */
function resolveCalendar(
  indicator: Indicator,
  target: Target,
  override: Override | undefined,
): ReportingCalendar | undefined {
  const cadence = override?.cadence ?? target.cadence ?? indicator.cadence;
  if (!cadence) return undefined;
  return {
    cadence,
    publicationLagDays:
      override?.publicationLagDays ??
      target.publicationLagDays ??
      indicator.publicationLagDays ??
      DEFAULT_PUBLICATION_LAG_DAYS,
    graceDays: override?.graceDays ?? target.graceDays ?? indicator.graceDays ?? DEFAULT_GRACE_DAYS,
  };
}

/**
 * The later of the unit's validFrom and the catalog's baseline date; a baseline left to the
 * earliest observation does not start a series.
 */
function seriesStart(validFrom: string | undefined, baselineDate: string | undefined): number | undefined {
  if (validFrom === undefined && baselineDate === undefined) return undefined;
  const later =
    validFrom === undefined || (baselineDate !== undefined && baselineDate > validFrom)
      ? baselineDate
      : validFrom;
  return later === undefined ? undefined : toDayNumber(later);
}

/** Plain code-unit order, as the CLI contract sorts ids. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `validFrom ≤ date ≤ validTo`, missing bounds open. */
export function isUnitValidOn(unit: Unit, date: string): boolean {
  return (
    (unit.validFrom === undefined || unit.validFrom <= date) &&
    (unit.validTo === undefined || date <= unit.validTo)
  );
}
