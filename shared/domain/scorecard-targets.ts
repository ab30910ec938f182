import type { Indicator } from '../catalog/catalog-schema.ts';
import { windowContains } from '../catalog/target-validity.ts';

/** One target of the scorecard: an indicator's milestone for one level. */
export interface ScorecardMilestone {
  readonly level: string;
  readonly date: string;
  readonly value: number;
}

/**
 * The targets an indicator brings to the scorecard, in catalog order: one per level × milestone
 * date. A level may hold two plans side by side, each a catalog target with its own validity
 * window (the communes dissolved on 30 June 2025 and those created on 1 July 2025): they are the
 * resolution's one target for two generations of units, so it counts once. Its value is the one
 * of the plan in force on asOf, which the units judged on asOf work to; when no plan of the
 * level is in force on asOf, the one that ended last; else the first the catalog names.
 */
export function scorecardMilestones(indicator: Indicator, asOf: string): ScorecardMilestone[] {
  const chosen = new Map<string, { milestone: ScorecardMilestone; rank: number }>();
  for (const target of indicator.targets) {
    const rank = preference(target, asOf);
    for (const { date, value } of target.milestones) {
      const key = `${target.level}\u0000${date}`;
      const earlier = chosen.get(key);
      // A Map keeps the first key's position: the target stays where the catalog first names it.
      if (!earlier || rank > earlier.rank)
        chosen.set(key, { milestone: { level: target.level, date, value }, rank });
    }
  }
  return [...chosen.values()].map((entry) => entry.milestone);
}

/** In force on asOf first; then plans that ended, the later end first; a plan yet to begin last. */
function preference(target: Indicator['targets'][number], asOf: string): number {
  if (windowContains(target, { validFrom: asOf, validTo: asOf })) return Number.POSITIVE_INFINITY;
  if (target.validTo !== undefined && target.validTo < asOf)
    return Number(target.validTo.replaceAll('-', ''));
  return 0;
}
