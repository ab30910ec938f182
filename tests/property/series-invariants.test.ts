import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDayNumber, toDayNumber } from '../../shared/domain/calendar-date.ts';
import type { DatedValue } from '../../shared/domain/observation.ts';
import { currentValues } from '../../shared/domain/observation.ts';
import { directionSign, type SeriesPlan } from '../../shared/domain/series-plan.ts';
import {
  SERIES_STATUSES,
  type SeriesResult,
  type SeriesStatus,
  seriesStanding,
} from '../../shared/domain/series-status.ts';
import { evaluate } from '../unit/engine-fixtures.ts';
import { ORIGIN, planArbitrary, referenceRequired, scenarioArbitrary } from './series-arbitraries.ts';

const SLACK = 1e-9;
const RANK: Partial<Record<SeriesStatus, number>> = { behind: 0, at_risk: 1, on_track: 2, achieved: 3 };

describe('invariants of the series evaluation', () => {
  it('never throws and always returns a well-formed result', () => {
    fc.assert(
      fc.property(scenarioArbitrary(), ({ plan, received, asOf }) => {
        const result = evaluate(plan, received, asOf);
        expect(SERIES_STATUSES).toContain(result.status);
        expect(result.milestones.map((milestone) => milestone.date)).toEqual(
          plan.milestones.map((m) => m.date),
        );
        // No observation up to asOf: no_data, or stale when the first report is overdue (v2).
        const noData = !received.some((observation) => observation.day <= toDayNumber(asOf));
        if (noData) expect(['no_data', 'stale']).toContain(result.status);
        else expect(result.status).not.toBe('no_data');
        for (const field of [result.date, result.value, result.required, result.gap]) {
          expect(field === null).toBe(noData);
        }
        if (!noData) {
          expect(result.date !== null && result.date <= asOf).toBe(true);
          expect(Number.isFinite(result.required)).toBe(true);
          const sign = directionSign(plan.direction);
          expect(result.gap).toBeCloseTo(sign * ((result.value as number) - (result.required as number)), 9);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the standing the digest’s trends plot is the full evaluation’s status, value and required value', () => {
    fc.assert(
      fc.property(scenarioArbitrary(), ({ plan, received, asOf }) => {
        const result = evaluate(plan, received, asOf);
        const asOfDay = toDayNumber(asOf);
        expect(seriesStanding(plan, currentValues(received, asOfDay), asOfDay)).toEqual({
          status: result.status,
          value: result.value,
          required: result.required,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('a series exactly on its trajectory is never behind or at_risk', () => {
    fc.assert(
      fc.property(
        planArbitrary({ baseline: 'given' }),
        fc.uniqueArray(fc.integer({ min: -50, max: 2400 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 500 }),
        (plan, offsets, daysAfterLatest) => {
          const received = offsets.map((offset) => ({
            day: ORIGIN + offset,
            value: referenceRequired(plan, ORIGIN + offset),
          }));
          const latest = Math.max(...offsets);
          const result = evaluate(plan, received, formatDayNumber(ORIGIN + latest + daysAfterLatest));
          expect(['on_track', 'achieved', 'stale']).toContain(result.status);
          expect(Math.abs(result.gap as number)).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('shifting every value of an increase series up never worsens its status', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary({ direction: 'increase' }),
        fc.double({ min: 1e-6, max: 50, noNaN: true }),
        ({ plan, received, asOf }, epsilon) => {
          const before = evaluate(plan, received, asOf).status;
          const shifted = received.map((observation) => ({
            ...observation,
            value: observation.value + epsilon,
          }));
          const after = evaluate(plan, shifted, asOf).status;
          const rankBefore = RANK[before];
          const rankAfter = RANK[after];
          if (rankBefore === undefined) expect(after).toBe(before);
          else expect(rankAfter).toBeGreaterThanOrEqual(rankBefore);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a mirrored decrease series (values and targets negated) is judged the same', () => {
    fc.assert(
      fc.property(scenarioArbitrary({ direction: 'increase' }), ({ plan, received, asOf }) => {
        const mirrored = evaluate(mirror(plan), received.map(negated), asOf);
        const original = evaluate(plan, received, asOf);
        expect(mirrored.status).toBe(original.status);
        expect(mirrored.date).toBe(original.date);
        if (original.gap !== null) {
          expect(mirrored.gap).toBeCloseTo(original.gap, 9);
          expect(mirrored.required).toBeCloseTo(-(original.required as number), 9);
        }
        expect(mirrored.milestones.map((m) => m.verdict)).toEqual(original.milestones.map((m) => m.verdict));
        if (original.observedPace !== null)
          expect(mirrored.observedPace).toBeCloseTo(-original.observedPace, 9);
        else expect(mirrored.observedPace).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('the required value lies between the lowest and highest point of the polyline', () => {
    fc.assert(
      fc.property(scenarioArbitrary({ baseline: 'given' }), ({ plan, received, asOf }) => {
        const result = evaluate(plan, received, asOf);
        if (result.required === null) return;
        const values = [
          plan.baseline?.value as number,
          ...plan.milestones.map((milestone) => milestone.value),
        ];
        expect(result.required).toBeGreaterThanOrEqual(Math.min(...values) - SLACK);
        expect(result.required).toBeLessThanOrEqual(Math.max(...values) + SLACK);
        const latestDay = received
          .filter((o) => o.day <= toDayNumber(asOf))
          .reduce((a, o) => Math.max(a, o.day), -Infinity);
        expect(result.required).toBeCloseTo(referenceRequired(plan, latestDay), 9);
      }),
      { numRuns: 500 },
    );
  });

  it('verdicts agree with the values and projections they report', () => {
    fc.assert(
      fc.property(scenarioArbitrary(), ({ plan, received, asOf }) => {
        const result = evaluate(plan, received, asOf);
        checkVerdicts(plan, result, asOf);
      }),
      { numRuns: 500 },
    );
  });

  it('the status agrees with the gap, the tolerance and the final target', () => {
    fc.assert(
      fc.property(scenarioArbitrary(), ({ plan, received, asOf }) => {
        const result = evaluate(plan, received, asOf);
        if (result.status === 'no_data' || result.status === 'stale') return;
        const sign = directionSign(plan.direction);
        const finalTarget = plan.milestones[plan.milestones.length - 1]?.value as number;
        const reachedFinal = sign * ((result.value as number) - finalTarget) >= -SLACK;
        const gap = result.gap as number;
        const expected = reachedFinal
          ? 'achieved'
          : gap >= -SLACK
            ? 'on_track'
            : gap >= -plan.tolerance - SLACK
              ? 'at_risk'
              : 'behind';
        expect(result.status).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

function negated(observation: DatedValue): DatedValue {
  return { day: observation.day, value: -observation.value };
}

function mirror(plan: SeriesPlan): SeriesPlan {
  const { baseline, min, max, ...rest } = plan;
  return {
    ...rest,
    direction: plan.direction === 'increase' ? 'decrease' : 'increase',
    ...(baseline && {
      baseline: baseline.value === undefined ? baseline : { ...baseline, value: -baseline.value },
    }),
    milestones: plan.milestones.map((milestone) => ({ ...milestone, value: -milestone.value })),
    ...(max !== undefined && { min: -max }),
    ...(min !== undefined && { max: -min }),
  };
}

function checkVerdicts(plan: SeriesPlan, result: SeriesResult, asOf: string): void {
  const sign = directionSign(plan.direction);
  for (const milestone of result.milestones) {
    if (milestone.date <= asOf) {
      expect('value' in milestone).toBe(true);
      if (!('value' in milestone)) continue;
      if (milestone.value === null) expect(milestone.verdict).toBe('unknown');
      else
        expect(milestone.verdict).toBe(
          sign * (milestone.value - milestone.target) >= -SLACK ? 'met' : 'missed',
        );
    } else {
      expect('projected' in milestone).toBe(true);
      if (!('projected' in milestone)) continue;
      expect(milestone.projected === null).toBe(result.observedPace === null);
      if (milestone.projected === null) {
        expect(milestone.verdict).toBe('unknown');
        continue;
      }
      if (plan.min !== undefined) expect(milestone.projected).toBeGreaterThanOrEqual(plan.min);
      if (plan.max !== undefined) expect(milestone.projected).toBeLessThanOrEqual(plan.max);
      expect(milestone.verdict).toBe(
        sign * (milestone.projected - milestone.target) >= -SLACK ? 'likely' : 'unlikely',
      );
    }
  }
}
