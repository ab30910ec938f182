import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDayNumber } from '../../shared/domain/calendar-date.ts';
import { CADENCES, type ReportingCalendar } from '../../shared/domain/reporting-calendar.ts';
import { evaluate } from '../unit/engine-fixtures.ts';
import { scenarioArbitrary } from './series-arbitraries.ts';

const calendarArbitrary = fc.record({
  cadence: fc.constantFrom(...CADENCES),
  publicationLagDays: fc.integer({ min: 0, max: 250 }),
  graceDays: fc.integer({ min: 0, max: 60 }),
}) as fc.Arbitrary<ReportingCalendar>;

describe('invariants of the v2 rules', () => {
  it('a calendar changes only pending verdicts and projections, never the status or the progress class', () => {
    fc.assert(
      fc.property(scenarioArbitrary(), calendarArbitrary, ({ plan, received, asOf }, calendar) => {
        const without = evaluate(plan, received, asOf);
        const withCalendar = evaluate({ ...plan, calendar }, received, asOf);
        // staleAfterDays is resolved before the engine: the same here, so the status must agree.
        expect(withCalendar.status).toBe(without.status);
        expect(withCalendar.progress).toBe(without.progress);
        expect(withCalendar.required).toBe(without.required);
        withCalendar.milestones.forEach((milestone, index) => {
          const plain = without.milestones[index];
          if (milestone.verdict === 'pending') {
            const waited = toDayNumber(asOf) - toDayNumber(milestone.date);
            expect(waited).toBeGreaterThanOrEqual(0);
            expect(waited).toBeLessThanOrEqual(calendar.publicationLagDays + calendar.graceDays);
            expect(['met', 'missed', 'unknown']).toContain(plain?.verdict);
          } else if (milestone.date <= asOf) {
            expect(milestone).toEqual(plain);
          }
        });
      }),
      { numRuns: 400 },
    );
  });

  it('without a cadence nothing is ever pending', () => {
    fc.assert(
      fc.property(scenarioArbitrary(), ({ plan, received, asOf }) => {
        const result = evaluate(plan, received, asOf);
        expect(result.milestones.some((milestone) => milestone.verdict === 'pending')).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('the progress class is null exactly when there is no value or less than a year of progress, unless achieved', () => {
    fc.assert(
      fc.property(scenarioArbitrary({ baseline: 'given' }), ({ plan, received, asOf }) => {
        const result = evaluate(plan, received, asOf);
        if (result.value === null || result.date === null) {
          expect(result.progress).toBeNull();
          return;
        }
        const sign = plan.direction === 'increase' ? 1 : -1;
        const final = plan.milestones[plan.milestones.length - 1]?.value as number;
        const target = final === 0 ? 0.001 : final;
        if (sign * (result.value - target) >= -1e-9) {
          expect(result.progress).toBe('target_achieved');
        } else if (toDayNumber(result.date) - (plan.baseline?.day as number) < 365) {
          expect(result.progress).toBeNull();
        }
      }),
      { numRuns: 400 },
    );
  });

  it('raising every threshold never improves the class', () => {
    const order = [
      'deterioration',
      'limited_progress',
      'progress_needs_acceleration',
      'on_track',
      'target_achieved',
    ];
    fc.assert(
      fc.property(
        scenarioArbitrary({ baseline: 'given' }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ plan, received, asOf }, raise) => {
          const base = evaluate(plan, received, asOf).progress;
          const raised = evaluate(
            { ...plan, progressThresholds: { high: 0.95 + raise, med: 0.6 + raise, low: raise } },
            received,
            asOf,
          ).progress;
          if (base === null) expect(raised).toBeNull();
          else expect(order.indexOf(raised as string)).toBeLessThanOrEqual(order.indexOf(base));
        },
      ),
      { numRuns: 300 },
    );
  });
});
