import { describe, expect, it } from 'vitest';
import { Trajectory } from '../../shared/domain/trajectory.ts';
import { day, decreasePlan, evaluate, increasePlan, observed, point } from './engine-fixtures.ts';

/** r(t) as the engine reports it: the `required` of a series whose latest observation is on `date`. */
function requiredOn(date: string, plan = increasePlan()): number | null {
  return evaluate(plan, [observed(date, 1)], date).required;
}

describe('required value r(t) on the polyline baseline → milestones', () => {
  it('is the baseline value on and before the baseline date', () => {
    expect(requiredOn('2025-01-01')).toBe(20);
    expect(requiredOn('2024-12-20')).toBe(20);
    expect(requiredOn('2020-01-01')).toBe(20);
  });

  it('interpolates linearly between the baseline and the first milestone', () => {
    // 20 + (50 − 20) · 10 / 30 = 30;  20 + 30 · 1 / 30 = 21
    expect(requiredOn('2025-01-11')).toBeCloseTo(30, 12);
    expect(requiredOn('2025-01-02')).toBeCloseTo(21, 12);
  });

  it('is the milestone value on a milestone date', () => {
    expect(requiredOn('2025-01-31')).toBeCloseTo(50, 12);
    expect(requiredOn('2025-03-02')).toBeCloseTo(80, 12);
  });

  it('interpolates between two milestones', () => {
    // 2025-01-31 → 2025-02-15 is 15 days of 30: 50 + (80 − 50) · 15 / 30 = 65
    expect(requiredOn('2025-02-15')).toBeCloseTo(65, 12);
  });

  it('is the final target after the last milestone', () => {
    expect(requiredOn('2025-03-03')).toBe(80);
    expect(requiredOn('2030-12-31')).toBe(80);
  });

  it('works with a single milestone', () => {
    const plan = increasePlan({ milestones: [point('2025-01-31', 50)] });
    // 20 + 30 · 15 / 30 = 35
    expect(requiredOn('2025-01-16', plan)).toBeCloseTo(35, 12);
    expect(requiredOn('2025-06-01', plan)).toBe(50);
    expect(evaluate(plan, [observed('2025-01-16', 50)], '2025-01-20').status).toBe('achieved');
    expect(evaluate(plan, [observed('2025-01-16', 35)], '2025-01-20').status).toBe('on_track');
    // gap = 30 − 35 = −5 = −tolerance
    expect(evaluate(plan, [observed('2025-01-16', 30)], '2025-01-20').status).toBe('at_risk');
  });

  it('descends for a decrease series', () => {
    // 60 + (30 − 60) · 15 / 30 = 45;  30 + (10 − 30) · 15 / 30 = 20
    expect(requiredOn('2025-01-16', decreasePlan())).toBeCloseTo(45, 12);
    expect(requiredOn('2025-02-15', decreasePlan())).toBeCloseTo(20, 12);
    expect(requiredOn('2026-01-01', decreasePlan())).toBe(10);
  });

  it('can be used directly: flat before the baseline and after the final target', () => {
    const line = new Trajectory({ day: day('2025-01-01'), value: 20 }, increasePlan().milestones);
    expect(line.finalTarget).toBe(80);
    expect(line.requiredAt(day('2024-06-01'))).toBe(20);
    expect(line.requiredAt(day('2025-02-15'))).toBeCloseTo(65, 12);
    expect(line.requiredAt(day('2026-06-01'))).toBe(80);
  });
});

describe('milestones dated on or before the baseline', () => {
  it('are dropped from the polyline when before the baseline', () => {
    // Baseline 40 on 2025-02-10; the 2025-01-31 milestone is dropped, so the line runs
    // 2025-02-10 (40) → 2025-03-02 (80), 20 days: r(2025-02-20) = 40 + 40 · 10 / 20 = 60.
    const plan = increasePlan({ baseline: { date: '2025-02-10', day: day('2025-02-10'), value: 40 } });
    expect(requiredOn('2025-02-20', plan)).toBeCloseTo(60, 12);
    expect(requiredOn('2025-02-01', plan)).toBe(40);
  });

  it('are dropped when on the baseline date', () => {
    // Line 2025-01-31 (45) → 2025-03-02 (80): r(2025-02-15) = 45 + 35 · 15 / 30 = 62.5
    const plan = increasePlan({ baseline: { date: '2025-01-31', day: day('2025-01-31'), value: 45 } });
    expect(requiredOn('2025-02-15', plan)).toBeCloseTo(62.5, 12);
    expect(requiredOn('2025-01-31', plan)).toBe(45);
  });

  it('still get a verdict', () => {
    const plan = increasePlan({ baseline: { date: '2025-02-10', day: day('2025-02-10'), value: 40 } });
    const result = evaluate(plan, [observed('2025-01-31', 47), observed('2025-02-20', 60)], '2025-02-20');
    expect(result.milestones[0]).toEqual({ date: '2025-01-31', target: 50, verdict: 'missed', value: 47 });
    expect(result.status).toBe('on_track');
  });

  it('all dropped: the final target applies at every date, before the baseline too (v2)', () => {
    // Every milestone is before the 2025-04-01 baseline: the target date passed before the plan began.
    const plan = increasePlan({
      baseline: { date: '2025-04-01', day: day('2025-04-01'), value: 70 },
    });
    expect(requiredOn('2024-01-01', plan)).toBe(80);
    expect(requiredOn('2025-04-01', plan)).toBe(80);
    expect(requiredOn('2025-05-01', plan)).toBe(80);
  });
});
