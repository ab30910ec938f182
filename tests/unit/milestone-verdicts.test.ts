import { describe, expect, it } from 'vitest';
import { days } from '../../shared/domain/calendar-date.ts';
import { decreasePlan, evaluate, increasePlan, observed, point } from './engine-fixtures.ts';

describe('verdicts of past milestones (date ≤ asOf)', () => {
  // First milestone: 50 on 2025-01-31.

  it('met by an observation exactly on the milestone date at exactly the target', () => {
    const result = evaluate(increasePlan(), [observed('2025-01-31', 50)], '2025-02-10');
    expect(result.milestones[0]).toEqual({ date: '2025-01-31', target: 50, verdict: 'met', value: 50 });
  });

  it('takes the latest observation on or before the milestone date, not a later one', () => {
    const received = [observed('2025-01-20', 55), observed('2025-02-05', 40)];
    const result = evaluate(increasePlan(), received, '2025-02-10');
    expect(result.milestones[0]).toEqual({ date: '2025-01-31', target: 50, verdict: 'met', value: 55 });
  });

  it('missed just below the target', () => {
    const result = evaluate(increasePlan(), [observed('2025-01-31', 49.9)], '2025-02-10');
    expect(result.milestones[0]).toEqual({ date: '2025-01-31', target: 50, verdict: 'missed', value: 49.9 });
  });

  it('unknown without an observation on or before the milestone date', () => {
    const result = evaluate(increasePlan(), [observed('2025-02-05', 90)], '2025-02-10');
    expect(result.milestones[0]).toEqual({ date: '2025-01-31', target: 50, verdict: 'unknown', value: null });
  });

  it('a milestone dated exactly asOf is past', () => {
    const result = evaluate(increasePlan(), [observed('2025-01-31', 50)], '2025-01-31');
    expect(result.milestones[0]).toEqual({ date: '2025-01-31', target: 50, verdict: 'met', value: 50 });
  });

  it('ignores observations after asOf', () => {
    // asOf 2025-03-02 makes both milestones past; the 2025-03-05 value of 100 must not count.
    const received = [observed('2025-01-31', 51), observed('2025-03-01', 70), observed('2025-03-05', 100)];
    const result = evaluate(increasePlan(), received, '2025-03-02');
    expect(result.milestones).toEqual([
      { date: '2025-01-31', target: 50, verdict: 'met', value: 51 },
      { date: '2025-03-02', target: 80, verdict: 'missed', value: 70 },
    ]);
    expect(result.date).toBe('2025-03-01');
  });

  it('decrease: met at or below the target rank, missed above it', () => {
    // First milestone: rank 30 on 2025-01-31
    const met = evaluate(decreasePlan(), [observed('2025-01-31', 30)], '2025-02-10');
    expect(met.milestones[0]).toMatchObject({ verdict: 'met', value: 30 });
    const better = evaluate(decreasePlan(), [observed('2025-01-31', 29)], '2025-02-10');
    expect(better.milestones[0]).toMatchObject({ verdict: 'met', value: 29 });
    const worse = evaluate(decreasePlan(), [observed('2025-01-31', 31)], '2025-02-10');
    expect(worse.milestones[0]).toMatchObject({ verdict: 'missed', value: 31 });
  });
});

/** Milestones far enough ahead to be projected: 60 at the end of 2025, 90 at the end of 2026. */
const futurePlan = increasePlan({
  milestones: [point('2025-12-31', 60), point('2026-12-31', 90)],
});

describe('verdicts of future milestones (projection)', () => {
  it('projects through two points with the line that joins them', () => {
    // 2025-01-01 → 2025-05-01 is 120 days (31 + 28 + 31 + 30); slope 20 / 120 = 1/6 per day.
    // 2025-05-01 → 2025-12-31 is 244 days: 40 + 244 / 6 = 80.666…  (target 60 → likely)
    // 2025-05-01 → 2026-12-31 is 609 days: 40 + 609 / 6 = 141.5 → clamped to max 100 (likely)
    expect(days('2025-01-01', '2025-05-01')).toBe(120);
    const result = evaluate(
      futurePlan,
      [observed('2025-01-01', 20), observed('2025-05-01', 40)],
      '2025-06-30',
    );
    expect(result.milestones).toEqual([
      { date: '2025-12-31', target: 60, verdict: 'likely', projected: expect.closeTo(40 + 244 / 6, 9) },
      { date: '2026-12-31', target: 90, verdict: 'likely', projected: 100 },
    ]);
    // observed pace = 1/6 · 30 = 5 per 30 days
    expect(result.observedPace).toBeCloseTo(5, 9);
  });

  it('clamps to min and says unlikely', () => {
    // Falling 1/6 a day from 40 on 2025-05-01: 40 − 244 / 6 = −0.67 → clamped to min 0
    const result = evaluate(
      futurePlan,
      [observed('2025-01-01', 60), observed('2025-05-01', 40)],
      '2025-06-30',
    );
    expect(result.milestones[0]).toEqual({
      date: '2025-12-31',
      target: 60,
      verdict: 'unlikely',
      projected: 0,
    });
    expect(result.milestones[1]).toEqual({
      date: '2026-12-31',
      target: 90,
      verdict: 'unlikely',
      projected: 0,
    });
    expect(result.observedPace).toBeCloseTo(-5, 9);
  });

  it('does not clamp without bounds', () => {
    const { min: _min, max: _max, ...unbounded } = futurePlan;
    const result = evaluate(
      unbounded,
      [observed('2025-01-01', 20), observed('2025-05-01', 40)],
      '2025-06-30',
    );
    expect(result.milestones[1]).toMatchObject({ verdict: 'likely', projected: expect.closeTo(141.5, 9) });
  });

  it('fits ordinary least squares through three points; exactly on target is likely', () => {
    // Days 0, 10, 20 from 2025-01-01 with values 0, 10, 5: means 10 and 5,
    // Sxy = (−10)(−5) + 0 + (10)(0) = 50, Sxx = 100 + 0 + 100 = 200, slope 0.25 per day.
    // 2025-03-02 is day 60: 5 + 0.25 · (60 − 10) = 17.5 — equal to the target, so likely.
    const plan = increasePlan({ milestones: [point('2025-03-02', 17.5)] });
    const received = [observed('2025-01-01', 0), observed('2025-01-11', 10), observed('2025-01-21', 5)];
    const result = evaluate(plan, received, '2025-01-25');
    expect(result.milestones[0]).toEqual({
      date: '2025-03-02',
      target: 17.5,
      verdict: 'likely',
      projected: 17.5,
    });
    // 0.25 · 30 = 7.5 per 30 days
    expect(result.observedPace).toBeCloseTo(7.5, 12);
    const harder = evaluate(
      increasePlan({ milestones: [point('2025-03-02', 17.6)] }),
      received,
      '2025-01-25',
    );
    expect(harder.milestones[0]).toMatchObject({ verdict: 'unlikely', projected: expect.closeTo(17.5, 9) });
  });

  it('decrease: likely when the projected rank is at or below the target', () => {
    // Ranks 60 on 2025-01-01 and 40 on 2025-05-01: −1/6 a day.
    // 2025-12-31: 40 − 244 / 6 = −0.67 → clamped to min 1, below the target 10 → likely.
    const plan = decreasePlan({ milestones: [point('2025-12-31', 10)] });
    const result = evaluate(plan, [observed('2025-01-01', 60), observed('2025-05-01', 40)], '2025-06-30');
    expect(result.milestones[0]).toEqual({ date: '2025-12-31', target: 10, verdict: 'likely', projected: 1 });
    // Rising ranks (getting worse): 40 → 60, 60 + 244 / 6 = 100.67 → clamped to max 63, unlikely.
    const worse = evaluate(plan, [observed('2025-01-01', 40), observed('2025-05-01', 60)], '2025-06-30');
    expect(worse.milestones[0]).toEqual({
      date: '2025-12-31',
      target: 10,
      verdict: 'unlikely',
      projected: 63,
    });
  });

  it('one observation: no projection, verdict unknown, no observed pace', () => {
    const result = evaluate(futurePlan, [observed('2025-05-01', 40)], '2025-06-30');
    expect(result.milestones).toEqual([
      { date: '2025-12-31', target: 60, verdict: 'unknown', projected: null },
      { date: '2026-12-31', target: 90, verdict: 'unknown', projected: null },
    ]);
    expect(result.observedPace).toBeNull();
  });

  it('two values on the same date are one point (the revision), so no projection', () => {
    const result = evaluate(
      futurePlan,
      [observed('2025-05-01', 30), observed('2025-05-01', 40)],
      '2025-06-30',
    );
    expect(result.milestones[0]).toMatchObject({ verdict: 'unknown', projected: null });
    expect(result.value).toBe(40);
  });

  it('the window includes an observation exactly 365 days before the latest', () => {
    // 2024-06-30 → 2025-06-30 is 365 days (the leap day 2024-02-29 is before it).
    // Slope 30 / 365 per day; pace 900 / 365 = 2.4658 per 30 days.
    expect(days('2024-06-30', '2025-06-30')).toBe(365);
    const result = evaluate(
      futurePlan,
      [observed('2024-06-30', 10), observed('2025-06-30', 40)],
      '2025-07-01',
    );
    expect(result.observedPace).toBeCloseTo(900 / 365, 9);
    // 2025-06-30 → 2025-12-31 is 184 days: 40 + 184 · 30 / 365 = 55.12 < 60 → unlikely
    expect(result.milestones[0]).toMatchObject({
      verdict: 'unlikely',
      projected: expect.closeTo(40 + (184 * 30) / 365, 9),
    });
  });

  it('the window excludes an observation 366 days before the latest', () => {
    const result = evaluate(
      futurePlan,
      [observed('2024-06-29', 10), observed('2025-06-30', 40)],
      '2025-07-01',
    );
    expect(result.observedPace).toBeNull();
    expect(result.milestones[0]).toMatchObject({ verdict: 'unknown', projected: null });
  });

  it('a point outside the window does not bend the fit', () => {
    // Only 2025-01-01 (10) and 2025-06-30 (40) are within 365 days of the latest:
    // 180 days apart, slope 30 / 180 = 1/6 per day, pace 5.
    expect(days('2025-01-01', '2025-06-30')).toBe(180);
    const received = [observed('2024-06-29', 100), observed('2025-01-01', 10), observed('2025-06-30', 40)];
    const result = evaluate(futurePlan, received, '2025-07-01');
    expect(result.observedPace).toBeCloseTo(5, 9);
  });

  it('the window is anchored on the latest observation ≤ asOf, not on asOf', () => {
    // asOf two years later: still projected from the last year of data (then stale, but verdicts stand).
    const received = [observed('2025-01-01', 20), observed('2025-05-01', 40)];
    const result = evaluate(futurePlan, received, '2025-11-30');
    expect(result.status).toBe('stale');
    expect(result.observedPace).toBeCloseTo(5, 9);
    expect(result.milestones[0]).toMatchObject({ verdict: 'likely' });
  });
});

describe('pace', () => {
  it('required pace aims at the first milestone after the latest date', () => {
    // Latest 40 on 2025-05-01, next milestone 60 on 2025-12-31 (244 days): (60 − 40) / 244 · 30
    const result = evaluate(futurePlan, [observed('2025-05-01', 40)], '2025-06-30');
    expect(result.requiredPace).toBeCloseTo((20 / 244) * 30, 12);
  });

  it('a milestone on the latest date is not ahead of it: the next one is used', () => {
    // Latest 60 on 2025-12-31; next is 90 on 2026-12-31 (365 days): 30 / 365 · 30
    const result = evaluate(futurePlan, [observed('2025-12-31', 60)], '2026-01-10');
    expect(result.requiredPace).toBeCloseTo(900 / 365, 12);
  });

  it('required pace is null after the last milestone', () => {
    const result = evaluate(futurePlan, [observed('2027-01-01', 95)], '2027-01-10');
    expect(result.requiredPace).toBeNull();
  });

  it('decrease: a negative required pace means the rank must fall', () => {
    // Rank 40 on 2025-01-11, next milestone 30 on 2025-01-31 (20 days): (30 − 40) / 20 · 30 = −15
    const result = evaluate(decreasePlan(), [observed('2025-01-11', 40)], '2025-01-20');
    expect(result.requiredPace).toBeCloseTo(-15, 12);
  });
});
