import type { Programme } from '../catalog/programme.ts';
import type { Scorecard, ScorecardTarget } from '../domain/scorecard.ts';
import type { SeriesResult } from '../domain/series-status.ts';
import type { AlertsSection, Decision, DecisionOwner } from './digest.ts';

/** The committee decides a handful of things a meeting; the rest is in the report below. */
export const MAX_DECISIONS = 5;
/** Owners named per decision; the others are counted. */
const OWNERS_NAMED = 3;

/**
 * "Cần chỉ đạo": what the steering committee must decide this week, each with who must act and
 * the figure it rests on. A level-wide target unlikely at its next milestone, or missed at its
 * last one with no later milestone to make up for it (owners: that level's units furthest behind
 * on the indicator), and remediation plans past their
 * date with the series still not on track (owner: the unit). Missed first, then overdue plans,
 * then unlikely targets; within each, the most units concerned first.
 */
export function findDecisions(
  programme: Programme,
  scorecard: Scorecard,
  alerts: AlertsSection,
  results: readonly SeriesResult[],
  asOf: string,
): Decision[] {
  const decisions: (Decision & { readonly order: number; readonly weight: number })[] = [];
  for (const target of pendingTargets(scorecard, asOf)) {
    const missed = target.verdict === 'missed';
    const lagging = laggingUnits(programme, results, target);
    decisions.push({
      kind: missed ? 'target-missed' : 'target-unlikely',
      indicator: target.indicator,
      indicatorName: target.indicatorName,
      ...(target.measure !== undefined && { measure: target.measure }),
      level: target.level,
      date: target.date,
      figure: target.figure,
      target: target.target,
      direction: target.direction,
      owners: lagging.slice(0, OWNERS_NAMED),
      otherOwners: Math.max(0, lagging.length - OWNERS_NAMED),
      order: missed ? 0 : 2,
      weight: lagging.length,
    });
  }
  for (const plan of alerts.overdue) {
    const result = results.find(
      (candidate) => candidate.unit === plan.unit && candidate.indicator === plan.indicator,
    );
    const indicator = plan.indicator === undefined ? undefined : programme.indicators.get(plan.indicator);
    decisions.push({
      kind: 'plan-overdue',
      ...(plan.indicator !== undefined && { indicator: plan.indicator }),
      ...(plan.indicatorName !== undefined && { indicatorName: plan.indicatorName }),
      ...(indicator?.unit !== undefined && { measure: indicator.unit }),
      level: programme.units.get(plan.unit)?.level ?? '',
      date: plan.until,
      figure: result?.value ?? null,
      target: result?.required ?? null,
      direction: indicator?.direction ?? 'increase',
      owners: [{ unit: plan.unit, unitName: plan.unitName }],
      otherOwners: 0,
      daysOverdue: plan.daysOverdue,
      order: 1,
      weight: plan.daysOverdue,
    });
  }
  return decisions
    .sort((a, b) => a.order - b.order || b.weight - a.weight)
    .slice(0, MAX_DECISIONS)
    .map(({ order: _order, weight: _weight, ...decision }) => decision);
}

/**
 * Per indicator and level, the target a decision is about: the next milestone when it is unlikely
 * (one that is likely needs no decision), else the last passed milestone when it was missed.
 */
function pendingTargets(scorecard: Scorecard, asOf: string): ScorecardTarget[] {
  const byKey = new Map<string, ScorecardTarget[]>();
  for (const target of scorecard.targets) {
    const key = `${target.indicator}\u0000${target.level}`;
    byKey.set(key, [...(byKey.get(key) ?? []), target]);
  }
  const pending: ScorecardTarget[] = [];
  for (const targets of byKey.values()) {
    const sorted = [...targets].sort((a, b) => (a.date < b.date ? -1 : 1));
    const next = sorted.find((target) => target.date > asOf);
    const last = sorted.filter((target) => target.date <= asOf).at(-1);
    if (next) {
      if (next.verdict === 'unlikely') pending.push(next);
    } else if (last?.verdict === 'missed') pending.push(last);
  }
  return pending;
}

/** Units of the target's level not on track on its indicator, furthest behind first. */
function laggingUnits(
  programme: Programme,
  results: readonly SeriesResult[],
  target: ScorecardTarget,
): DecisionOwner[] {
  const lagging = results.filter(
    (result) =>
      result.indicator === target.indicator &&
      programme.units.get(result.unit)?.level === target.level &&
      (result.status === 'behind' || result.status === 'at_risk' || result.status === 'stale'),
  );
  const severity = { behind: 0, at_risk: 1, stale: 2 } as Record<string, number>;
  return lagging
    .sort(
      (a, b) =>
        (severity[a.status] ?? 3) - (severity[b.status] ?? 3) ||
        (a.gap ?? 0) - (b.gap ?? 0) ||
        (a.unit < b.unit ? -1 : 1),
    )
    .map((result) => ({
      unit: result.unit,
      unitName: programme.units.get(result.unit)?.name ?? result.unit,
    }));
}
