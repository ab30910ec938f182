import type { Unit } from '../catalog/catalog-schema.ts';
import { isUnitValidOn, type Programme } from '../catalog/programme.ts';
import { rankCountOn } from '../catalog/rank-count.ts';
import { formatDayNumber, toDayNumber } from '../domain/calendar-date.ts';
import { currentValues, type DatedValue } from '../domain/observation.ts';
import type { SeriesHistory } from '../domain/programme-evaluation.ts';
import { type SeriesPlan, seriesKey } from '../domain/series-plan.ts';
import type { SeriesResult } from '../domain/series-status.ts';
import type { ChartPoint, TrajectoryChart } from './digest.ts';

/**
 * The province-wide picture of each indicator. When the top unit (the first unit without a parent
 * that is valid at the week's end, e.g. the province) has a series for the indicator, the chart is
 * that series: its required line and its reported values. Otherwise the chart shows, for the
 * highest level that has a target, the monthly mean of its units' latest values in each month
 * against that level's catalog target (a mean says nothing about any one unit, so no verdicts).
 */
export function buildTrajectoryCharts(
  programme: Programme,
  history: SeriesHistory,
  results: readonly SeriesResult[],
  levelOrder: readonly string[],
  asOf: string,
): TrajectoryChart[] {
  const asOfDay = toDayNumber(asOf);
  const top = programme.catalog.units.find((unit) => unit.parent === undefined && isUnitValidOn(unit, asOf));
  const charts: TrajectoryChart[] = [];
  for (const indicator of programme.catalog.indicators) {
    const common = {
      indicator: indicator.id,
      indicatorName: indicator.name,
      ...(indicator.unit !== undefined && { measure: indicator.unit }),
      direction: indicator.direction,
      ...(indicator.min !== undefined && { min: indicator.min }),
      ...(indicator.max !== undefined && { max: indicator.max }),
    };
    const plan = top ? programme.planOf(top.id, indicator.id) : undefined;
    if (top && plan) {
      const result = results.find(
        (candidate) => candidate.unit === top.id && candidate.indicator === indicator.id,
      );
      charts.push(seriesChart(programme, plan, history, result, asOfDay));
      continue;
    }
    for (const level of levelOrder) {
      const target = indicator.targets.find((candidate) => candidate.level === level);
      const units = programme.catalog.units.filter(
        (unit) =>
          unit.level === level && isUnitValidOn(unit, asOf) && programme.planOf(unit.id, indicator.id),
      );
      if (!target || units.length === 0) continue;
      const actual = monthlyMean(units, indicator.id, history, asOfDay);
      const baselineValue = target.baseline?.value ?? actual[0]?.value;
      const baselineDate = target.baseline?.date ?? actual[0]?.date;
      const baseline =
        baselineValue !== undefined && baselineDate !== undefined
          ? [{ date: baselineDate, value: baselineValue }]
          : [];
      charts.push({
        ...common,
        scope: { kind: 'level-mean', level, units: units.length },
        required: [
          ...baseline,
          ...target.milestones.filter((milestone) => !baselineDate || milestone.date > baselineDate),
        ].map(({ date, value }) => ({ date, value })),
        milestones: target.milestones.map(({ date, value }) => ({ date, value, verdict: null })),
        actual,
        status: null,
      });
      break;
    }
  }
  return charts;
}

/** One unit's series as a chart: its required line, its milestones with verdicts and its values. */
export function seriesChart(
  programme: Programme,
  plan: SeriesPlan,
  history: SeriesHistory,
  result: SeriesResult | undefined,
  asOfDay: number,
): TrajectoryChart {
  const indicator = programme.indicators.get(plan.indicator);
  const unit = programme.units.get(plan.unit);
  const values = currentValues(history.get(seriesKey(plan.unit, plan.indicator)) ?? [], asOfDay);
  const verdicts = new Map(result?.milestones.map((milestone) => [milestone.date, milestone.verdict]));
  const latest = values.at(-1);
  const rankOutOf = latest && rankCountOn(indicator?.rank, formatDayNumber(latest.day));
  return {
    indicator: plan.indicator,
    indicatorName: indicator?.name ?? plan.indicator,
    ...(indicator?.unit !== undefined && { measure: indicator.unit }),
    direction: plan.direction,
    ...(indicator?.min !== undefined && { min: indicator.min }),
    ...(indicator?.max !== undefined && { max: indicator.max }),
    scope: { kind: 'unit', unit: plan.unit, unitName: unit?.name ?? plan.unit },
    required: requiredLine(plan, values),
    milestones: plan.milestones.map((milestone) => ({
      date: milestone.date,
      value: milestone.value,
      verdict: verdicts.get(milestone.date) ?? null,
    })),
    actual: values.map(toPoint),
    status: result?.status ?? null,
    ...(rankOutOf !== undefined && { rankOutOf }),
  };
}

/** Baseline (as evaluation.md resolves it), then every milestone after it. */
function requiredLine(plan: SeriesPlan, values: readonly DatedValue[]): ChartPoint[] {
  const baseline = baselineOf(plan, values);
  const milestones = plan.milestones
    .filter((milestone) => !baseline || milestone.day > baseline.day)
    .map((milestone) => ({ date: milestone.date, value: milestone.value }));
  return baseline ? [toPoint(baseline), ...milestones] : milestones;
}

function baselineOf(plan: SeriesPlan, values: readonly DatedValue[]): DatedValue | undefined {
  const rule = plan.baseline;
  const first = values[0];
  if (!rule) return first;
  if (rule.value !== undefined) return { day: rule.day, value: rule.value };
  const before = values.filter((value) => value.day <= rule.day).at(-1);
  const source = before ?? values.find((value) => value.day > rule.day) ?? first;
  return source ? { day: rule.day, value: source.value } : undefined;
}

function monthlyMean(
  units: readonly Unit[],
  indicator: string,
  history: SeriesHistory,
  asOfDay: number,
): ChartPoint[] {
  const months = new Map<string, { sum: number; count: number }>();
  for (const unit of units) {
    const lastOfMonth = new Map<string, number>();
    for (const value of currentValues(history.get(seriesKey(unit.id, indicator)) ?? [], asOfDay)) {
      lastOfMonth.set(formatDayNumber(value.day).slice(0, 7), value.value);
    }
    for (const [month, value] of lastOfMonth) {
      const bucket = months.get(month) ?? { sum: 0, count: 0 };
      bucket.sum += value;
      bucket.count += 1;
      months.set(month, bucket);
    }
  }
  return [...months]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, bucket]) => ({ date: lastDayOfMonth(month), value: bucket.sum / bucket.count }));
}

function lastDayOfMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
}

function toPoint(value: DatedValue): ChartPoint {
  return { date: formatDayNumber(value.day), value: value.value };
}
