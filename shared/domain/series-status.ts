import { type DayNumber, formatDayNumber } from './calendar-date.ts';
import type { DatedValue } from './observation.ts';
import { directionSign, type SeriesPlan } from './series-plan.ts';
import { Trajectory } from './trajectory.ts';
import { fitRecentTrend } from './trend.ts';

/** The six statuses, in the order they are tried. */
export const SERIES_STATUSES = ['no_data', 'stale', 'achieved', 'on_track', 'at_risk', 'behind'] as const;
export type SeriesStatus = (typeof SERIES_STATUSES)[number];

export type MilestoneVerdict =
  | { date: string; target: number; verdict: 'met' | 'missed' | 'unknown'; value: number | null }
  | { date: string; target: number; verdict: 'likely' | 'unlikely' | 'unknown'; projected: number | null };

export interface SeriesResult {
  unit: string;
  indicator: string;
  status: SeriesStatus;
  date: string | null;
  value: number | null;
  required: number | null;
  gap: number | null;
  observedPace: number | null;
  requiredPace: number | null;
  milestones: MilestoneVerdict[];
}

/** Comparisons forgive floating-point noise of this size. */
export const SLACK = 1e-9;
const PACE_DAYS = 30;

/**
 * Judges one series as of `asOfDay`. `observations` are the series' current values (one per day),
 * ascending by day, none after `asOfDay`.
 */
export function evaluateSeries(
  plan: SeriesPlan,
  observations: readonly DatedValue[],
  asOfDay: DayNumber,
): SeriesResult {
  const sign = directionSign(plan.direction);
  const latest = observations[observations.length - 1];
  const trend = fitRecentTrend(observations);
  const milestones = plan.milestones.map((milestone): MilestoneVerdict => {
    if (milestone.day <= asOfDay) {
      const reached = latestOnOrBefore(observations, milestone.day);
      if (!reached) return { date: milestone.date, target: milestone.value, verdict: 'unknown', value: null };
      const met = sign * (reached.value - milestone.value) >= -SLACK;
      return {
        date: milestone.date,
        target: milestone.value,
        verdict: met ? 'met' : 'missed',
        value: reached.value,
      };
    }
    if (!trend) return { date: milestone.date, target: milestone.value, verdict: 'unknown', projected: null };
    const projected = clamp(trend.valueAt(milestone.day), plan.min, plan.max);
    const likely = sign * (projected - milestone.value) >= -SLACK;
    return {
      date: milestone.date,
      target: milestone.value,
      verdict: likely ? 'likely' : 'unlikely',
      projected,
    };
  });

  if (!latest) {
    return {
      unit: plan.unit,
      indicator: plan.indicator,
      status: 'no_data',
      date: null,
      value: null,
      required: null,
      gap: null,
      observedPace: null,
      requiredPace: null,
      milestones,
    };
  }

  const trajectory = new Trajectory(resolveBaseline(plan, observations, latest), plan.milestones);
  const required = trajectory.requiredAt(latest.day);
  const gap = sign * (latest.value - required);
  const nextMilestone = plan.milestones.find((milestone) => milestone.day > latest.day);
  return {
    unit: plan.unit,
    indicator: plan.indicator,
    status: statusOf(plan, latest, gap, trajectory.finalTarget, asOfDay),
    date: formatDayNumber(latest.day),
    value: latest.value,
    required,
    gap,
    observedPace: trend ? trend.slopePerDay * PACE_DAYS : null,
    requiredPace: nextMilestone
      ? ((nextMilestone.value - latest.value) / (nextMilestone.day - latest.day)) * PACE_DAYS
      : null,
    milestones,
  };
}

function statusOf(
  plan: SeriesPlan,
  latest: DatedValue,
  gap: number,
  finalTarget: number,
  asOfDay: DayNumber,
): SeriesStatus {
  if (asOfDay - latest.day > plan.staleAfterDays) return 'stale';
  if (directionSign(plan.direction) * (latest.value - finalTarget) >= -SLACK) return 'achieved';
  if (gap >= -SLACK) return 'on_track';
  if (gap >= -plan.tolerance - SLACK) return 'at_risk';
  return 'behind';
}

/** The baseline point: as stated, or completed from the observations (evaluation.md, "The plan"). */
function resolveBaseline(
  plan: SeriesPlan,
  observations: readonly DatedValue[],
  earliestFallback: DatedValue,
): DatedValue {
  const first = observations[0] ?? earliestFallback;
  const rule = plan.baseline;
  if (!rule) return first;
  if (rule.value !== undefined) return { day: rule.day, value: rule.value };
  const before = latestOnOrBefore(observations, rule.day);
  if (before) return { day: rule.day, value: before.value };
  const after = observations.find((observation) => observation.day > rule.day) ?? first;
  return { day: rule.day, value: after.value };
}

function latestOnOrBefore(sorted: readonly DatedValue[], day: DayNumber): DatedValue | undefined {
  let low = 0;
  let high = sorted.length - 1;
  let found: DatedValue | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const candidate = sorted[middle] as DatedValue;
    if (candidate.day <= day) {
      found = candidate;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

function clamp(value: number, min: number | undefined, max: number | undefined): number {
  if (min !== undefined && value < min) return min;
  if (max !== undefined && value > max) return max;
  return value;
}
