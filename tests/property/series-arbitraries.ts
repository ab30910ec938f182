import fc from 'fast-check';
import { formatDayNumber, toDayNumber } from '../../shared/domain/calendar-date.ts';
import type { DatedValue } from '../../shared/domain/observation.ts';
import type { Direction, PlanPoint, SeriesPlan } from '../../shared/domain/series-plan.ts';

export const ORIGIN = toDayNumber('2024-01-01');

export type BaselineKind = 'given' | 'date-only' | 'absent';

export interface Scenario {
  plan: SeriesPlan;
  /** In the order received: unsorted, with revisions and dates after asOf. */
  received: DatedValue[];
  asOf: string;
}

// Uniform over [0, 100] in steps of 0.01: fc.double spreads over the representable doubles (mostly
// tiny), which would make nearly every target 0 and every series trivially achieved.
const value = fc.noBias(fc.integer({ min: 0, max: 10_000 })).map((hundredths) => hundredths / 100);

function planPoint(offset: number, pointValue: number): PlanPoint {
  const day = ORIGIN + offset;
  return { date: formatDayNumber(day), day, value: pointValue };
}

export function planArbitrary(options: { direction?: Direction; baseline?: BaselineKind } = {}) {
  return fc
    .record({
      direction: options.direction
        ? fc.constant(options.direction)
        : fc.constantFrom<Direction>('increase', 'decrease'),
      baselineKind: options.baseline
        ? fc.constant(options.baseline)
        : fc.constantFrom<BaselineKind>('given', 'date-only', 'absent'),
      baselineOffset: fc.integer({ min: 0, max: 365 }),
      baselineValue: value,
      // Some milestones may fall before the baseline: they are dropped from the line but judged.
      milestoneOffsets: fc.uniqueArray(fc.integer({ min: -60, max: 2000 }), { minLength: 1, maxLength: 4 }),
      milestoneValues: fc.array(value, { minLength: 4, maxLength: 4 }),
      tolerance: fc.oneof(
        fc.constant(0),
        fc.noBias(fc.integer({ min: 0, max: 1000 })).map((n) => n / 100),
      ),
      staleAfterDays: fc.integer({ min: 1, max: 400 }),
      bounded: fc.boolean(),
      // Real targets move one way; unordered ones are still valid input.
      monotone: fc.boolean(),
    })
    .map((drawn): SeriesPlan => {
      const offsets = [...drawn.milestoneOffsets].sort((a, b) => a - b);
      if (drawn.monotone) {
        const ordered = [drawn.baselineValue, ...drawn.milestoneValues].sort((a, b) =>
          drawn.direction === 'increase' ? a - b : b - a,
        );
        drawn.baselineValue = ordered[0] as number;
        drawn.milestoneValues = ordered.slice(1);
      }
      const baselineDay = ORIGIN + drawn.baselineOffset;
      const baselineDate = formatDayNumber(baselineDay);
      return {
        unit: 'u',
        indicator: 'i',
        direction: drawn.direction,
        ...(drawn.baselineKind === 'given' && {
          baseline: { date: baselineDate, day: baselineDay, value: drawn.baselineValue },
        }),
        ...(drawn.baselineKind === 'date-only' && { baseline: { date: baselineDate, day: baselineDay } }),
        milestones: offsets.map((offset, index) => planPoint(offset, drawn.milestoneValues[index] ?? 50)),
        tolerance: drawn.tolerance,
        staleAfterDays: drawn.staleAfterDays,
        ...(drawn.bounded && { min: 0, max: 100 }),
      };
    });
}

export const receivedArbitrary = fc.array(
  fc
    .record({ offset: fc.integer({ min: -100, max: 2400 }), value })
    .map(({ offset, value: observedValue }): DatedValue => ({ day: ORIGIN + offset, value: observedValue })),
  { maxLength: 30 },
);

export const asOfArbitrary = fc
  .integer({ min: -100, max: 2500 })
  .map((offset) => formatDayNumber(ORIGIN + offset));

/**
 * Observations scattered around the plan's own line (so that every status turns up often), with
 * revisions and dates after asOf, received in any order; asOf is usually shortly after the data.
 */
function aroundTheLine(plan: SeriesPlan) {
  const line: SeriesPlan =
    plan.baseline?.value === undefined
      ? {
          ...plan,
          baseline: { ...(plan.baseline ?? { date: formatDayNumber(ORIGIN), day: ORIGIN }), value: 50 },
        }
      : plan;
  const lastDay = (plan.milestones[plan.milestones.length - 1] as PlanPoint).day;
  const firstOffset = Math.min(plan.baseline?.day ?? ORIGIN, lastDay) - ORIGIN - 30;
  const lastOffset = Math.max(firstOffset + 1, lastDay - ORIGIN + 30);
  return fc
    .record({
      received: fc.array(
        fc.record({
          offset: fc.integer({ min: firstOffset, max: lastOffset }),
          noise: fc.oneof(
            { arbitrary: fc.noBias(fc.integer({ min: -1500, max: 1500 })).map((n) => n / 100), weight: 4 },
            { arbitrary: fc.constant(0), weight: 1 },
          ),
          wild: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: value, weight: 1 }),
        }),
        { maxLength: 30 },
      ),
      lag: fc.option(fc.integer({ min: 0, max: 60 }), { freq: 4 }),
      asOfOffset: fc.integer({ min: -100, max: 2500 }),
    })
    .map(({ received, lag, asOfOffset }): Scenario => {
      const observations = received.map(({ offset, noise, wild }): DatedValue => {
        const day = ORIGIN + offset;
        return { day, value: wild ?? referenceRequired(line, day) + noise };
      });
      const latest = Math.max(ORIGIN, ...observations.map((observation) => observation.day));
      const asOfDay = lag === null ? ORIGIN + asOfOffset : latest + lag;
      return { plan, received: observations, asOf: formatDayNumber(asOfDay) };
    });
}

export function scenarioArbitrary(options: { direction?: Direction; baseline?: BaselineKind } = {}) {
  return planArbitrary(options).chain(aroundTheLine);
}

/**
 * r(t) written out again from evaluation.md, independently of the engine, for a plan whose
 * baseline has a value.
 */
export function referenceRequired(plan: SeriesPlan, day: number): number {
  const baseline = plan.baseline;
  if (baseline?.value === undefined) throw new Error('reference r(t) needs a baseline value');
  const final = plan.milestones[plan.milestones.length - 1] as PlanPoint;
  // Every milestone on or before the baseline: the final target applies at every date.
  if (final.day <= baseline.day) return final.value;
  if (day <= baseline.day) return baseline.value;
  const points = [
    { day: baseline.day, value: baseline.value },
    ...plan.milestones.filter((m) => m.day > baseline.day),
  ];
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1] as { day: number; value: number };
    const to = points[i] as { day: number; value: number };
    if (day <= to.day) return from.value + ((to.value - from.value) * (day - from.day)) / (to.day - from.day);
  }
  return final.value;
}
