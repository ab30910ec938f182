import { describe, expect, it } from 'vitest';
import { day, evaluate, increasePlan, observed, point } from './engine-fixtures.ts';

// One milestone, 50 on 2025-01-31, so the line is a single segment from the resolved baseline.
const milestones = [point('2025-01-31', 50)];

describe('baseline resolution', () => {
  it('uses a baseline given with date and value as is', () => {
    const plan = increasePlan({ milestones });
    // 20 + 30 · 20 / 30 = 40, whatever the observations say
    const result = evaluate(plan, [observed('2024-12-01', 99), observed('2025-01-21', 40)], '2025-01-21');
    expect(result.required).toBeCloseTo(40, 12);
  });

  it('date only: takes the value of the latest observation on or before that date', () => {
    const plan = increasePlan({ milestones, baseline: { date: '2025-01-01', day: day('2025-01-01') } });
    const received = [observed('2024-12-01', 10), observed('2024-12-20', 14), observed('2025-01-21', 30)];
    // Baseline (2025-01-01, 14): r(2025-01-21) = 14 + (50 − 14) · 20 / 30 = 14 + 24 = 38
    const result = evaluate(plan, received, '2025-01-21');
    expect(result.required).toBeCloseTo(38, 12);
    expect(result.gap).toBeCloseTo(-8, 12);
  });

  it('date only: an observation exactly on the baseline date counts as on or before', () => {
    const plan = increasePlan({ milestones, baseline: { date: '2025-01-01', day: day('2025-01-01') } });
    const received = [observed('2024-12-20', 14), observed('2025-01-01', 20), observed('2025-01-21', 30)];
    // Baseline (2025-01-01, 20): r(2025-01-21) = 20 + 30 · 20 / 30 = 40
    expect(evaluate(plan, received, '2025-01-21').required).toBeCloseTo(40, 12);
  });

  it('date only: without an earlier observation, takes the earliest one after the date', () => {
    const plan = increasePlan({ milestones, baseline: { date: '2025-01-01', day: day('2025-01-01') } });
    const received = [observed('2025-01-21', 30), observed('2025-01-11', 26)];
    // Baseline (2025-01-01, 26) — the date stays the catalog's: r(2025-01-21) = 26 + 24 · 20 / 30 = 42
    const result = evaluate(plan, received, '2025-01-21');
    expect(result.required).toBeCloseTo(42, 12);
    expect(result.gap).toBeCloseTo(-12, 12);
  });

  it('date only: observations after asOf are not used to complete the baseline', () => {
    const plan = increasePlan({ milestones, baseline: { date: '2025-01-01', day: day('2025-01-01') } });
    // asOf 2025-01-11: only the 2025-01-11 value (26) exists, so the baseline is (2025-01-01, 26);
    // r(2025-01-11) = 26 + 24 · 10 / 30 = 34
    const received = [observed('2025-01-11', 26), observed('2025-01-12', 0)];
    expect(evaluate(plan, received, '2025-01-11').required).toBeCloseTo(34, 12);
  });

  it('absent: the earliest observation is the baseline (its date and value)', () => {
    const { baseline: _ignored, ...withoutBaseline } = increasePlan({ milestones });
    const received = [observed('2025-01-21', 30), observed('2025-01-11', 20)];
    // Baseline (2025-01-11, 20): r(2025-01-21) = 20 + 30 · 10 / 20 = 35
    const result = evaluate(withoutBaseline, received, '2025-01-21');
    expect(result.required).toBeCloseTo(35, 12);
    expect(result.gap).toBeCloseTo(-5, 12);
    expect(result.status).toBe('at_risk');
  });

  it('absent with one observation: the series sits on its own baseline', () => {
    const { baseline: _ignored, ...withoutBaseline } = increasePlan({ milestones });
    const result = evaluate(withoutBaseline, [observed('2025-01-11', 20)], '2025-01-21');
    expect(result.required).toBe(20);
    expect(result.gap).toBe(0);
    expect(result.status).toBe('on_track');
  });
});
