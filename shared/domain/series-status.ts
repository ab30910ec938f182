import { type DayNumber, formatDayNumber } from './calendar-date.ts';
import type { DatedValue } from './observation.ts';
import { DEFAULT_PROGRESS_THRESHOLDS, type ProgressClass, progressClass } from './progress-class.ts';
import { periodStart, projectionWindowDays } from './reporting-calendar.ts';
import { directionSign, type PlanPoint, type SeriesPlan } from './series-plan.ts';
import { Trajectory } from './trajectory.ts';
import { fitRecentTrend, type Trend } from './trend.ts';

/** The six statuses, in the order they are tried. */
export const SERIES_STATUSES = ['no_data', 'stale', 'achieved', 'on_track', 'at_risk', 'behind'] as const;
export type SeriesStatus = (typeof SERIES_STATUSES)[number];

export type MilestoneVerdict =
  | { date: string; target: number; verdict: 'met' | 'missed' | 'pending' | 'unknown'; value: number | null }
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
  progress: ProgressClass | null;
  milestones: MilestoneVerdict[];
}

/** Comparisons forgive floating-point noise of this size. */
export const SLACK = 1e-9;
const PACE_DAYS = 30;

/**
 * Judges one series as of `asOfDay` (docs/evaluation.md). `observations` are the series' current
 * values (one per day), ascending by day, none after `asOfDay`.
 */
export function evaluateSeries(
  plan: SeriesPlan,
  observations: readonly DatedValue[],
  asOfDay: DayNumber,
): SeriesResult {
  const sign = directionSign(plan.direction);
  const trend = fitRecentTrend(observations, projectionWindowDays(plan.calendar));
  const milestones = plan.milestones.map((milestone) =>
    milestoneVerdict(plan, milestone, observations, trend, asOfDay),
  );
  const judged = judge(plan, observations, asOfDay);

  if (!judged) {
    return {
      unit: plan.unit,
      indicator: plan.indicator,
      status: neverReported(plan, asOfDay),
      date: null,
      value: null,
      required: null,
      gap: null,
      observedPace: null,
      requiredPace: null,
      progress: null,
      milestones,
    };
  }

  const { latest, baseline, required, gap, status } = judged;
  const nextMilestone = plan.milestones.find((milestone) => milestone.day > latest.day);
  const finalTarget = plan.milestones[plan.milestones.length - 1] as PlanPoint;
  return {
    unit: plan.unit,
    indicator: plan.indicator,
    status,
    date: formatDayNumber(latest.day),
    value: latest.value,
    required,
    gap,
    observedPace: trend ? trend.slopePerDay * PACE_DAYS : null,
    requiredPace: nextMilestone
      ? ((nextMilestone.value - latest.value) / (nextMilestone.day - latest.day)) * PACE_DAYS
      : null,
    progress: progressClass({
      sign,
      baseline,
      latest,
      finalTarget,
      thresholds: plan.progressThresholds ?? DEFAULT_PROGRESS_THRESHOLDS,
    }),
    milestones,
  };
}

/** A series' status, latest value and required value on a day: what a trend over past dates plots. */
export interface SeriesStanding {
  readonly status: SeriesStatus;
  readonly value: number | null;
  readonly required: number | null;
}

/**
 * `evaluateSeries`'s status, value and required value, without the milestone verdicts, the pace
 * and the progress class: the digest's trends judge every series at 25 past dates, and those
 * parts were most of their cost.
 */
export function seriesStanding(
  plan: SeriesPlan,
  observations: readonly DatedValue[],
  asOfDay: DayNumber,
): SeriesStanding {
  const judged = judge(plan, observations, asOfDay);
  if (!judged) return { status: neverReported(plan, asOfDay), value: null, required: null };
  return { status: judged.status, value: judged.latest.value, required: judged.required };
}

/** Never reported: overdue once the first report was owed longer than staleAfterDays ago. */
function neverReported(plan: SeriesPlan, asOfDay: DayNumber): SeriesStatus {
  return plan.start !== undefined && asOfDay - plan.start > plan.staleAfterDays ? 'stale' : 'no_data';
}

/** The latest value against the required path (undefined when nothing was reported). */
function judge(plan: SeriesPlan, observations: readonly DatedValue[], asOfDay: DayNumber) {
  const latest = observations[observations.length - 1];
  if (!latest) return undefined;
  const baseline = resolveBaseline(plan, observations, latest);
  const trajectory = new Trajectory(baseline, plan.milestones);
  const required = trajectory.requiredAt(latest.day);
  const gap = directionSign(plan.direction) * (latest.value - required);
  const status = statusOf(plan, latest, gap, trajectory.finalTarget, asOfDay);
  return { latest, baseline, required, gap, status };
}

function milestoneVerdict(
  plan: SeriesPlan,
  milestone: PlanPoint,
  observations: readonly DatedValue[],
  trend: Trend | null,
  asOfDay: DayNumber,
): MilestoneVerdict {
  const sign = directionSign(plan.direction);
  const { date, value: target } = milestone;
  if (milestone.day <= asOfDay) {
    const reached = latestOnOrBefore(observations, milestone.day);
    const calendar = plan.calendar;
    if (
      calendar &&
      (!reached || reached.day < periodStart(calendar.cadence, milestone.day)) &&
      asOfDay - milestone.day <= calendar.publicationLagDays + calendar.graceDays
    ) {
      // The figure of the milestone's own period is not due yet: no verdict from an older one.
      return { date, target, verdict: 'pending', value: null };
    }
    if (!reached) return { date, target, verdict: 'unknown', value: null };
    const met = sign * (reached.value - target) >= -SLACK;
    return { date, target, verdict: met ? 'met' : 'missed', value: reached.value };
  }
  if (!trend) return { date, target, verdict: 'unknown', projected: null };
  const projected = clamp(trend.valueAt(milestone.day), plan.min, plan.max);
  const likely = sign * (projected - target) >= -SLACK;
  return { date, target, verdict: likely ? 'likely' : 'unlikely', projected };
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

/** The baseline point: as stated, or completed from the observations (docs/evaluation.md, "The plan"). */
export function resolveBaseline(
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

export function latestOnOrBefore(sorted: readonly DatedValue[], day: DayNumber): DatedValue | undefined {
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
