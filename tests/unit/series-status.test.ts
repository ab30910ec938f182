import { describe, expect, it } from 'vitest';
import { days } from '../../shared/domain/calendar-date.ts';
import { decreasePlan, evaluate, increasePlan, observed } from './engine-fixtures.ts';

// Reference plan: r(2025-01-11) = 20 + (50 − 20) · 10 / 30 = 30; tolerance 5; stale after 45 days.

describe('status of an increase series', () => {
  it('is on_track exactly on the trajectory (gap 0)', () => {
    const result = evaluate(increasePlan(), [observed('2025-01-11', 30)], '2025-01-20');
    expect(result.status).toBe('on_track');
    expect(result.required).toBeCloseTo(30, 12);
    expect(result.gap).toBeCloseTo(0, 12);
    expect(result.date).toBe('2025-01-11');
    expect(result.value).toBe(30);
  });

  it('is on_track above the trajectory, with a positive gap', () => {
    // gap = +1 · (33 − 30) = 3
    const result = evaluate(increasePlan(), [observed('2025-01-11', 33)], '2025-01-20');
    expect(result.status).toBe('on_track');
    expect(result.gap).toBeCloseTo(3, 12);
  });

  it('is at_risk exactly at −tolerance', () => {
    // gap = 25 − 30 = −5 = −tolerance
    const result = evaluate(increasePlan(), [observed('2025-01-11', 25)], '2025-01-20');
    expect(result.gap).toBeCloseTo(-5, 12);
    expect(result.status).toBe('at_risk');
  });

  it('is at_risk just below the trajectory', () => {
    // gap = 29.99 − 30 = −0.01
    expect(evaluate(increasePlan(), [observed('2025-01-11', 29.99)], '2025-01-20').status).toBe('at_risk');
  });

  it('forgives floating-point noise of 1e-10 at both edges', () => {
    // gap = −1e-10 is still on the trajectory; −5 − 1e-10 is still within the tolerance
    expect(evaluate(increasePlan(), [observed('2025-01-11', 30 - 1e-10)], '2025-01-20').status).toBe(
      'on_track',
    );
    expect(evaluate(increasePlan(), [observed('2025-01-11', 25 - 1e-10)], '2025-01-20').status).toBe(
      'at_risk',
    );
  });

  it('is behind just beyond −tolerance', () => {
    // gap = 24.99 − 30 = −5.01 < −5
    const result = evaluate(increasePlan(), [observed('2025-01-11', 24.99)], '2025-01-20');
    expect(result.gap).toBeCloseTo(-5.01, 9);
    expect(result.status).toBe('behind');
  });

  it('with tolerance 0, anything below the line is behind', () => {
    const plan = increasePlan({ tolerance: 0 });
    expect(evaluate(plan, [observed('2025-01-11', 30)], '2025-01-20').status).toBe('on_track');
    expect(evaluate(plan, [observed('2025-01-11', 29.99)], '2025-01-20').status).toBe('behind');
  });

  it('is not stale at exactly staleAfterDays, stale one day later', () => {
    expect(days('2025-01-11', '2025-02-25')).toBe(45); // 20 days left in January + 25
    const received = [observed('2025-01-11', 30)];
    expect(evaluate(increasePlan(), received, '2025-02-25').status).toBe('on_track');
    const stale = evaluate(increasePlan(), received, '2025-02-26');
    expect(stale.status).toBe('stale');
    // A stale series still reports its latest observation and gap.
    expect(stale.date).toBe('2025-01-11');
    expect(stale.gap).toBeCloseTo(0, 12);
  });

  it('honours a different staleAfterDays', () => {
    const received = [observed('2025-01-11', 30)];
    // 2025-01-11 + 10 days = 2025-01-21
    expect(evaluate(increasePlan({ staleAfterDays: 10 }), received, '2025-01-21').status).toBe('on_track');
    expect(evaluate(increasePlan({ staleAfterDays: 10 }), received, '2025-01-22').status).toBe('stale');
  });

  it('achieved (value ≥ final target 80) beats on_track', () => {
    expect(evaluate(increasePlan(), [observed('2025-01-11', 80)], '2025-01-20').status).toBe('achieved');
    expect(evaluate(increasePlan(), [observed('2025-01-11', 95)], '2025-01-20').status).toBe('achieved');
    // 79.9 is above r = 30 but below the final target
    expect(evaluate(increasePlan(), [observed('2025-01-11', 79.9)], '2025-01-20').status).toBe('on_track');
  });

  it('achieved is judged against the final target, not the next milestone', () => {
    // 2025-01-31: 55 meets the first milestone (50) but not the final one (80)
    const result = evaluate(increasePlan(), [observed('2025-01-31', 55)], '2025-02-01');
    expect(result.status).toBe('on_track');
  });

  it('stale beats achieved', () => {
    // 2025-01-11 + 46 days = 2025-02-26
    expect(evaluate(increasePlan(), [observed('2025-01-11', 80)], '2025-02-26').status).toBe('stale');
  });

  it('no_data without observations: every field null, milestones still listed', () => {
    const result = evaluate(increasePlan(), [], '2025-02-10');
    expect(result).toEqual({
      unit: 'u1',
      indicator: 'dossiers-online',
      status: 'no_data',
      date: null,
      value: null,
      required: null,
      gap: null,
      observedPace: null,
      requiredPace: null,
      progress: null,
      milestones: [
        { date: '2025-01-31', target: 50, verdict: 'unknown', value: null },
        { date: '2025-03-02', target: 80, verdict: 'unknown', projected: null },
      ],
    });
  });

  it('no_data when every observation is after asOf', () => {
    expect(evaluate(increasePlan(), [observed('2025-01-11', 30)], '2025-01-10').status).toBe('no_data');
  });

  it('uses the latest observation on or before asOf and ignores later ones', () => {
    // 2025-01-21: r = 20 + 30 · 20 / 30 = 40; the 2025-01-25 value is after asOf.
    const received = [observed('2025-01-11', 30), observed('2025-01-21', 40), observed('2025-01-25', 0)];
    const result = evaluate(increasePlan(), received, '2025-01-21');
    expect(result.date).toBe('2025-01-21');
    expect(result.value).toBe(40);
    expect(result.required).toBeCloseTo(40, 12);
    expect(result.status).toBe('on_track');
  });
});

describe('status of a decrease series (a rank: lower is better)', () => {
  // r(2025-01-11) = 60 + (30 − 60) · 10 / 30 = 50; tolerance 2; final target 10.

  it('is on_track exactly on the trajectory', () => {
    const result = evaluate(decreasePlan(), [observed('2025-01-11', 50)], '2025-01-20');
    expect(result.required).toBeCloseTo(50, 12);
    expect(result.gap).toBeCloseTo(0, 12);
    expect(result.status).toBe('on_track');
  });

  it('has a positive gap when the rank is better (lower) than required', () => {
    // gap = −1 · (45 − 50) = +5
    const result = evaluate(decreasePlan(), [observed('2025-01-11', 45)], '2025-01-20');
    expect(result.gap).toBeCloseTo(5, 12);
    expect(result.status).toBe('on_track');
  });

  it('is at_risk exactly at −tolerance and behind beyond it', () => {
    // gap = −1 · (52 − 50) = −2; −1 · (52.01 − 50) = −2.01
    const atRisk = evaluate(decreasePlan(), [observed('2025-01-11', 52)], '2025-01-20');
    expect(atRisk.gap).toBeCloseTo(-2, 12);
    expect(atRisk.status).toBe('at_risk');
    const behind = evaluate(decreasePlan(), [observed('2025-01-11', 52.01)], '2025-01-20');
    expect(behind.gap).toBeCloseTo(-2.01, 9);
    expect(behind.status).toBe('behind');
  });

  it('is achieved at or below the final target', () => {
    expect(evaluate(decreasePlan(), [observed('2025-01-11', 10)], '2025-01-20').status).toBe('achieved');
    expect(evaluate(decreasePlan(), [observed('2025-01-11', 3)], '2025-01-20').status).toBe('achieved');
    expect(evaluate(decreasePlan(), [observed('2025-01-11', 11)], '2025-01-20').status).toBe('on_track');
  });
});
