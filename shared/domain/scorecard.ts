import { compareIds, type Programme } from '../catalog/programme.ts';
import type { Observation } from '../snapshots/observation-rows.ts';
import { type DayNumber, toDayNumber } from './calendar-date.ts';
import { currentValues } from './observation.ts';
import type { SeriesHistory } from './programme-evaluation.ts';
import { type Ratio, type RatioIndex, ratioScale } from './ratio.ts';
import { scorecardMilestones } from './scorecard-targets.ts';
import { type Direction, directionSign, seriesKey } from './series-plan.ts';
import { latestOnOrBefore, type SeriesResult, SLACK } from './series-status.ts';

/**
 * The programme scorecard: every target of the catalog (indicator × level × milestone) judged
 * level-wide, and the headline "N/M chỉ tiêu đạt" per milestone year. The rules, and why, are in
 * docs/scorecard.md.
 */
export interface Scorecard {
  readonly asOf: string;
  readonly targets: readonly ScorecardTarget[];
  readonly years: readonly ScorecardYear[];
}

/** Before its date a target is `achieved`, `likely`, `unlikely` or `unknown`; after it `met`, `missed`, `pending` or `unknown`. */
export type TargetVerdict = 'met' | 'missed' | 'pending' | 'achieved' | 'likely' | 'unlikely' | 'unknown';

export interface UnitCounts {
  met: number;
  onTrack: number;
  behind: number;
  notReporting: number;
  pending: number;
}

export interface ScorecardTarget {
  readonly indicator: string;
  readonly indicatorName: string;
  /** The indicator's unit of measure (`%`, `hạng`), for its decimals and wording. */
  readonly measure?: string;
  readonly level: string;
  readonly date: string;
  readonly target: number;
  readonly direction: Direction;
  /** The level-wide figure: as of the target's date once it has passed, else as of asOf. */
  readonly figure: number | null;
  /** `share`: scale · Σnumerator / Σdenominator; `mean`: mean of the units' values. */
  readonly method: 'share' | 'mean' | null;
  /** Units whose values make the figure. */
  readonly reporting: number;
  /** Units of the level judged against this milestone (valid on asOf, milestone in their plan). */
  readonly units: number;
  readonly counts: UnitCounts;
  readonly verdict: TargetVerdict;
}

export interface ScorecardYear {
  readonly year: string;
  /** Targets met (after their date) or already achieved (before it). */
  readonly met: number;
  readonly pending: number;
  readonly targets: number;
}

export interface ScorecardInput {
  readonly programme: Programme;
  /** `evaluateProgramme(programme, history, asOf).results`. */
  readonly results: readonly SeriesResult[];
  /** The history the results were evaluated from. */
  readonly history: SeriesHistory;
  /** Ratios of the observations that carry one (`ratioIndexOf`); absent: means only. */
  readonly ratios?: RatioIndex;
  readonly asOf: string;
}

/** One unit's part in a target: the value it brings and where it counts. */
interface UnitPart {
  unit: string;
  value: number | null;
  day: DayNumber;
  projected: number | null;
  bucket: keyof UnitCounts;
}

export function buildScorecard(input: ScorecardInput): Scorecard {
  const { programme, asOf } = input;
  const asOfDay = toDayNumber(asOf);
  const byIndicatorLevel = new Map<string, SeriesResult[]>();
  for (const result of input.results) {
    const level = programme.units.get(result.unit)?.level;
    if (level === undefined) continue;
    const key = seriesKey(result.indicator, level);
    const list = byIndicatorLevel.get(key);
    if (list) list.push(result);
    else byIndicatorLevel.set(key, [result]);
  }
  const targets: ScorecardTarget[] = [];
  for (const indicator of programme.catalog.indicators) {
    const sign = directionSign(indicator.direction);
    const scale = ratioScale(indicator.unit);
    for (const milestone of scorecardMilestones(indicator, asOf)) {
      const results = byIndicatorLevel.get(seriesKey(indicator.id, milestone.level)) ?? [];
      const day = toDayNumber(milestone.date);
      const passed = day <= asOfDay;
      const parts: UnitPart[] = [];
      for (const result of results) {
        const part = passed
          ? partAfter(result, milestone.date, day, input.history, asOfDay)
          : partBefore(result, milestone, sign);
        if (part) parts.push(part);
      }
      // A level with no unit on asOf (e.g. districts after the 2025 merger) has no target to judge.
      if (parts.length === 0) continue;
      const counts: UnitCounts = { met: 0, onTrack: 0, behind: 0, notReporting: 0, pending: 0 };
      for (const part of parts) counts[part.bucket]++;
      const level = levelFigure(parts, indicator.id, input.ratios, scale);
      const meets = (value: number) => sign * (value - milestone.value) >= -SLACK;
      let verdict: TargetVerdict;
      if (passed) {
        verdict =
          counts.pending > 0
            ? 'pending'
            : level.figure === null
              ? 'unknown'
              : meets(level.figure)
                ? 'met'
                : 'missed';
      } else if (level.figure === null) {
        verdict = 'unknown';
      } else if (meets(level.figure)) {
        verdict = 'achieved';
      } else {
        const projections = parts.flatMap((part) => (part.projected === null ? [] : [part.projected]));
        verdict = projections.length === 0 ? 'unknown' : meets(mean(projections)) ? 'likely' : 'unlikely';
      }
      targets.push({
        indicator: indicator.id,
        indicatorName: indicator.name,
        ...(indicator.unit !== undefined && { measure: indicator.unit }),
        level: milestone.level,
        date: milestone.date,
        target: milestone.value,
        direction: indicator.direction,
        figure: level.figure,
        method: level.method,
        reporting: level.reporting,
        units: parts.length,
        counts,
        verdict,
      });
    }
  }
  return { asOf, targets, years: headline(targets) };
}

/** After the date: the unit's own milestone verdict and the value it was judged on. */
function partAfter(
  result: SeriesResult,
  date: string,
  day: DayNumber,
  history: SeriesHistory,
  asOfDay: DayNumber,
): UnitPart | undefined {
  const verdict = result.milestones.find((milestone) => milestone.date === date);
  if (!verdict) return undefined;
  const unit = result.unit;
  if (verdict.verdict === 'pending') return { unit, value: null, day, projected: null, bucket: 'pending' };
  if (!('value' in verdict) || verdict.value === null) {
    return { unit, value: null, day, projected: null, bucket: 'notReporting' };
  }
  const received = history.get(seriesKey(result.unit, result.indicator)) ?? [];
  const reached = latestOnOrBefore(currentValues(received, asOfDay), day);
  return {
    unit,
    value: verdict.value,
    day: reached?.day ?? day,
    projected: null,
    bucket: verdict.verdict === 'met' ? 'met' : 'behind',
  };
}

/** Before the date: the unit's latest value (an overdue unit's too) and its current status. */
function partBefore(
  result: SeriesResult,
  milestone: { date: string; value: number },
  sign: 1 | -1,
): UnitPart | undefined {
  const verdict = result.milestones.find((candidate) => candidate.date === milestone.date);
  if (!verdict) return undefined;
  const projected = 'projected' in verdict ? verdict.projected : null;
  if (result.value === null || result.date === null) {
    return { unit: result.unit, value: null, day: 0, projected, bucket: 'notReporting' };
  }
  const day = toDayNumber(result.date);
  const bucket: keyof UnitCounts =
    result.status === 'stale' || result.status === 'no_data'
      ? 'notReporting'
      : sign * (result.value - milestone.value) >= -SLACK
        ? 'met'
        : result.status === 'behind'
          ? 'behind'
          : 'onTrack';
  return { unit: result.unit, value: result.value, day, projected, bucket };
}

/** The exact pooled share when every contributing value carries its ratio, else the mean. */
function levelFigure(
  parts: readonly UnitPart[],
  indicator: string,
  ratios: RatioIndex | undefined,
  scale: number,
): { figure: number | null; method: 'share' | 'mean' | null; reporting: number } {
  const values: number[] = [];
  const pooled: Ratio[] = [];
  for (const part of parts) {
    if (part.value === null) continue;
    values.push(part.value);
    const ratio = ratios?.get(seriesKey(part.unit, indicator))?.get(part.day);
    if (ratio) pooled.push(ratio);
  }
  if (values.length === 0) return { figure: null, method: null, reporting: 0 };
  if (pooled.length === values.length) {
    let numerator = 0;
    let denominator = 0;
    for (const ratio of pooled) {
      numerator += ratio.numerator;
      denominator += ratio.denominator;
    }
    return { figure: (scale * numerator) / denominator, method: 'share', reporting: values.length };
  }
  return { figure: mean(values), method: 'mean', reporting: values.length };
}

function headline(targets: readonly ScorecardTarget[]): ScorecardYear[] {
  const years = new Map<string, { met: number; pending: number; targets: number }>();
  for (const target of targets) {
    const year = target.date.slice(0, 4);
    const entry = years.get(year) ?? { met: 0, pending: 0, targets: 0 };
    entry.targets++;
    if (target.verdict === 'met' || target.verdict === 'achieved') entry.met++;
    if (target.verdict === 'pending') entry.pending++;
    years.set(year, entry);
  }
  return [...years.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([year, entry]) => ({ year, ...entry }));
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** The ratios carried by observations, by series and day; a later row without one clears it. */
export function ratioIndexOf(observations: Iterable<Observation>): RatioIndex {
  const index = new Map<string, Map<DayNumber, Ratio>>();
  for (const observation of observations) {
    const { numerator, denominator } = observation;
    if (numerator === undefined || denominator === undefined) {
      if (index.size > 0)
        index.get(seriesKey(observation.unit, observation.indicator))?.delete(toDayNumber(observation.date));
      continue;
    }
    const key = seriesKey(observation.unit, observation.indicator);
    let days = index.get(key);
    if (!days) {
      days = new Map();
      index.set(key, days);
    }
    days.set(toDayNumber(observation.date), { numerator, denominator });
  }
  return index;
}
