import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/calendar-date.ts';
import type { ReportingCalendar } from '../../shared/domain/reporting-calendar.ts';
import type { SeriesPlan } from '../../shared/domain/series-plan.ts';
import { type CatalogJson, problemsOf, programmeOf, sampleCatalog } from './catalog-fixtures.ts';
import { day, decreasePlan, evaluate, increasePlan, observed, point } from './engine-fixtures.ts';

/** The rules v2 added to docs/evaluation.md, one boundary at a time. */

const ANNUAL_RANK: ReportingCalendar = { cadence: 'annual', publicationLagDays: 200, graceDays: 15 };

function withCalendar(plan: SeriesPlan, calendar: ReportingCalendar): SeriesPlan {
  return { ...plan, calendar };
}

function planOf(catalog: CatalogJson, unit: string, indicator: string): SeriesPlan {
  const plan = programmeOf(catalog).planOf(unit, indicator);
  if (!plan) throw new Error(`no series ${unit}/${indicator}`);
  return plan;
}

describe('the start of a series and the overdue first report', () => {
  // increasePlan: baseline 2025-01-01 given by the catalog, staleAfterDays 45.
  const started = { ...increasePlan(), start: day('2025-01-01') };

  it('no_data while days(start, asOf) ≤ staleAfterDays, stale with null fields the day after', () => {
    expect(evaluate(started, [], '2025-02-15').status).toBe('no_data'); // 45 days
    const overdue = evaluate(started, [], '2025-02-16'); // 46 days
    expect(overdue).toMatchObject({ status: 'stale', date: null, value: null, required: null, gap: null });
    expect(overdue.progress).toBeNull();
    expect(overdue.observedPace).toBeNull();
    expect(overdue.requiredPace).toBeNull();
  });

  it('a series without a start is never overdue before it reports', () => {
    const { start: _none, ...plan } = started;
    expect(evaluate(plan, [], '2030-01-01').status).toBe('no_data');
  });

  it('a start after asOf is not overdue', () => {
    expect(evaluate({ ...started, start: day('2026-01-01') }, [], '2025-06-01').status).toBe('no_data');
  });

  it('a decreasing series is overdue the same way', () => {
    const rank = { ...decreasePlan(), start: day('2025-01-01') };
    expect(evaluate(rank, [], '2025-02-15').status).toBe('no_data');
    expect(evaluate(rank, [], '2025-02-16').status).toBe('stale');
  });

  it('start = the later of validFrom and the catalog baseline date; an observed baseline does not count', () => {
    const catalog = sampleCatalog();
    // 18073 is valid from 2025-07-01; the commune target's baseline is dated 2025-01-01.
    expect(planOf(catalog, '18073', 'dossiers-online').start).toBe(day('2025-07-01'));
    // 18100 has no validFrom: the baseline date starts it.
    expect(planOf(catalog, '18100', 'dossiers-online').start).toBe(day('2025-01-01'));
    catalog.indicators[0].targets[1].baseline = { date: '2025-09-01' };
    expect(planOf(catalog, '18073', 'dossiers-online').start).toBe(day('2025-09-01'));
    delete catalog.indicators[0].targets[1].baseline;
    expect(planOf(catalog, '18100', 'dossiers-online').start).toBeUndefined();
    expect(planOf(catalog, '18073', 'dossiers-online').start).toBe(day('2025-07-01'));
  });
});

describe('the reporting calendar: default staleAfterDays', () => {
  function calendarCatalog(fields: Record<string, unknown>, targetFields: Record<string, unknown> = {}) {
    const catalog = sampleCatalog();
    Object.assign(catalog.indicators[0], fields);
    Object.assign(catalog.indicators[0].targets[0], targetFields);
    return catalog;
  }

  it('period + publicationLagDays + graceDays when no level sets staleAfterDays', () => {
    const monthly = planOf(
      calendarCatalog({ cadence: 'monthly', publicationLagDays: 10, graceDays: 5 }),
      '42',
      'dossiers-online',
    );
    expect(monthly.staleAfterDays).toBe(31 + 10 + 5);
    // Defaults: lag 0, grace 15.
    expect(planOf(calendarCatalog({ cadence: 'quarterly' }), '42', 'dossiers-online').staleAfterDays).toBe(
      92 + 0 + 15,
    );
    expect(
      planOf(calendarCatalog({ cadence: 'annual', publicationLagDays: 200 }), '42', 'dossiers-online')
        .staleAfterDays,
    ).toBe(366 + 200 + 15);
  });

  it('any level that sets staleAfterDays wins over the calendar default', () => {
    const onIndicator = calendarCatalog({ cadence: 'annual', staleAfterDays: 30 });
    expect(planOf(onIndicator, '42', 'dossiers-online').staleAfterDays).toBe(30);
    // The commune target sets 20 itself.
    expect(planOf(calendarCatalog({ cadence: 'annual' }), '18100', 'dossiers-online').staleAfterDays).toBe(
      20,
    );
  });

  it('no cadence: the v1 default of 45, and lag or grace alone change nothing', () => {
    const plan = planOf(
      calendarCatalog({ publicationLagDays: 100, graceDays: 100 }),
      '42',
      'dossiers-online',
    );
    expect(plan.staleAfterDays).toBe(45);
    expect(plan.calendar).toBeUndefined();
  });

  it('most specific wins, field by field: override, then target, then indicator', () => {
    const catalog = calendarCatalog(
      { cadence: 'monthly', publicationLagDays: 10, graceDays: 5 },
      { cadence: 'quarterly' },
    );
    catalog.overrides = [{ unit: '42', indicator: 'dossiers-online', graceDays: 0 }];
    expect(planOf(catalog, '42', 'dossiers-online').calendar).toEqual({
      cadence: 'quarterly',
      publicationLagDays: 10,
      graceDays: 0,
    });
  });

  it('stale exactly after lag + grace + period, to the day (monthly 10 + 5)', () => {
    const plan = planOf(
      calendarCatalog({ cadence: 'monthly', publicationLagDays: 10, graceDays: 5 }),
      '42',
      'dossiers-online',
    );
    const report = [observed('2025-01-11', 30)];
    expect(evaluate(plan, report, addDays('2025-01-11', 46)).status).not.toBe('stale');
    expect(evaluate(plan, report, addDays('2025-01-11', 47)).status).toBe('stale');
  });

  it('rejects bad calendar values with the field named', () => {
    const catalog = calendarCatalog({ cadence: 'weekly', publicationLagDays: -1, graceDays: 1.5 });
    catalog.overrides = [{ unit: '42', indicator: 'dossiers-online', cadence: 'yearly' }];
    const problems = problemsOf(catalog).map((problem) => `${problem.location}: ${problem.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'indicators[0].cadence: must be "monthly", "quarterly" or "annual"',
        'indicators[0].publicationLagDays: must be ≥ 0',
        'indicators[0].graceDays: must be a whole number of days',
        'overrides[0].cadence: must be "monthly", "quarterly" or "annual"',
      ]),
    );
  });

  it('progress thresholds must satisfy high > med > low', () => {
    const catalog = sampleCatalog();
    catalog.programme.progressThresholds = { high: 0.6, med: 0.6, low: 0.7 };
    const problems = problemsOf(catalog).map((problem) => problem.location);
    expect(problems).toEqual(['programme.progressThresholds.high', 'programme.progressThresholds.med']);
    catalog.programme.progressThresholds = { high: 1, med: 0.5, low: -0.5 };
    expect(problemsOf(catalog)).toEqual([]);
    expect(planOf(catalog, '42', 'dossiers-online').progressThresholds).toEqual({
      high: 1,
      med: 0.5,
      low: -0.5,
    });
  });
});

describe('pending milestone verdicts', () => {
  // A rank published ~200 days after its year ends: 2025's figure is due mid-2026.
  const rank = withCalendar(
    decreasePlan({
      baseline: { date: '2021-12-31', day: day('2021-12-31'), value: 59 },
      milestones: [point('2025-12-31', 20), point('2030-12-31', 10)],
      staleAfterDays: 581,
      min: 1,
      max: 63,
    }),
    ANNUAL_RANK,
  );
  const figures = [observed('2023-12-31', 39), observed('2024-12-31', 25)];

  it('pending up to lag + grace days after the milestone, then judged on the older figure', () => {
    // 2025-12-31 + 215 = 2026-08-03.
    expect(evaluate(rank, figures, '2026-08-03').milestones[0]).toEqual({
      date: '2025-12-31',
      target: 20,
      verdict: 'pending',
      value: null,
    });
    expect(evaluate(rank, figures, '2026-08-04').milestones[0]).toEqual({
      date: '2025-12-31',
      target: 20,
      verdict: 'missed',
      value: 25,
    });
  });

  it('a figure inside the milestone year ends the wait at once', () => {
    const result = evaluate(rank, [...figures, observed('2025-06-30', 18)], '2026-01-01');
    expect(result.milestones[0]).toMatchObject({ verdict: 'met', value: 18 });
  });

  it('pending on the milestone day itself; unknown once the wait is over with no figure at all', () => {
    expect(evaluate(rank, [], '2025-12-31').milestones[0]?.verdict).toBe('pending');
    expect(evaluate(rank, [], '2026-08-04').milestones[0]?.verdict).toBe('unknown');
  });

  it('without a cadence the same data is missed at once (v1)', () => {
    const { calendar: _none, ...plain } = rank;
    expect(evaluate(plain, figures, '2026-01-01').milestones[0]).toMatchObject({
      verdict: 'missed',
      value: 25,
    });
  });

  it('the period is the calendar month or quarter of the milestone', () => {
    const monthly = withCalendar(increasePlan(), {
      cadence: 'monthly',
      publicationLagDays: 10,
      graceDays: 5,
    });
    // Milestone 2025-01-31: a figure of 2025-01-01 is in its month, one of 2024-12-31 is not.
    expect(evaluate(monthly, [observed('2025-01-01', 50)], '2025-02-01').milestones[0]?.verdict).toBe('met');
    expect(evaluate(monthly, [observed('2024-12-31', 50)], '2025-02-01').milestones[0]?.verdict).toBe(
      'pending',
    );
    const quarterly = withCalendar(increasePlan({ milestones: [point('2025-12-31', 50)] }), {
      cadence: 'quarterly',
      publicationLagDays: 30,
      graceDays: 10,
    });
    expect(evaluate(quarterly, [observed('2025-10-01', 40)], '2026-01-05').milestones[0]?.verdict).toBe(
      'missed',
    );
    expect(evaluate(quarterly, [observed('2025-09-30', 60)], '2026-01-05').milestones[0]?.verdict).toBe(
      'pending',
    );
    // 2025-12-31 + 40 = 2026-02-09 is the last pending day.
    expect(evaluate(quarterly, [observed('2025-09-30', 60)], '2026-02-09').milestones[0]?.verdict).toBe(
      'pending',
    );
    expect(evaluate(quarterly, [observed('2025-09-30', 60)], '2026-02-10').milestones[0]?.verdict).toBe(
      'met',
    );
  });
});

describe('the projection window', () => {
  const increase = increasePlan({ milestones: [point('2030-12-31', 100)], staleAfterDays: 2000 });

  it('365 days without a cadence, max(365, 2 · period) with one', () => {
    // Two points 366 days apart (a leap year between year ends): no fit on 365 days.
    const yearEnds = [observed('2023-12-31', 40), observed('2024-12-31', 50)];
    expect(evaluate(increase, yearEnds, '2025-01-10').milestones[0]).toMatchObject({ verdict: 'unknown' });
    const annual = withCalendar(increase, { cadence: 'annual', publicationLagDays: 0, graceDays: 15 });
    const projected = evaluate(annual, yearEnds, '2025-01-10');
    // 50 + 10 · 2191 / 366 ≈ 110 on 2030-12-31, clamped to max 100.
    expect(projected.milestones[0]).toMatchObject({ verdict: 'likely', projected: 100 });
    // Slope 10 per 366 days: per 30 days 10 · 30 / 366.
    expect(projected.observedPace).toBeCloseTo((10 * 30) / 366, 9);
    // Monthly: max(365, 62) = 365, the same as without a cadence.
    const monthly = withCalendar(increase, { cadence: 'monthly', publicationLagDays: 0, graceDays: 15 });
    expect(evaluate(monthly, yearEnds, '2025-01-10').observedPace).toBeNull();
  });

  it('annual: a point exactly 732 days before the latest is in the window, 733 is not', () => {
    const annual = withCalendar(increase, { cadence: 'annual', publicationLagDays: 0, graceDays: 15 });
    const latest = observed('2025-01-01', 50);
    const inside = observed(addDays('2025-01-01', -732), 30);
    const outside = observed(addDays('2025-01-01', -733), 30);
    expect(evaluate(annual, [inside, latest], '2025-01-02').observedPace).not.toBeNull();
    expect(evaluate(annual, [outside, latest], '2025-01-02').observedPace).toBeNull();
  });
});

describe('the trajectory edge cases', () => {
  it('a milestone on the baseline date is dropped from the line but still judged', () => {
    const plan = increasePlan({ baseline: { date: '2025-01-31', day: day('2025-01-31'), value: 50 } });
    // Line from (2025-01-31, 50) to (2025-03-02, 80): r(2025-02-15) = 50 + 30 · 15 / 30 = 65.
    const result = evaluate(plan, [observed('2025-01-31', 40), observed('2025-02-15', 65)], '2025-02-16');
    expect(result.required).toBeCloseTo(65, 12);
    expect(result.milestones[0]).toMatchObject({ verdict: 'missed', value: 40 });
  });

  it('every milestone dropped: the final target applies at every date, for either direction', () => {
    const late = { date: '2025-04-01', day: day('2025-04-01') };
    const up = evaluate(
      increasePlan({ baseline: { ...late, value: 70 } }),
      [observed('2025-03-15', 75)],
      '2025-03-20',
    );
    expect(up).toMatchObject({ required: 80, gap: -5, status: 'at_risk' });
    const down = evaluate(
      decreasePlan({ baseline: { ...late, value: 5 } }),
      [observed('2025-03-15', 12)],
      '2025-03-20',
    );
    // Final target 10, rank 12: gap −(12 − 10) = −2 = −tolerance.
    expect(down).toMatchObject({ required: 10, gap: -2, status: 'at_risk' });
  });

  it('a baseline after the latest observation: r is the baseline value and there is no progress class', () => {
    const plan = increasePlan({ baseline: { date: '2025-02-01', day: day('2025-02-01'), value: 20 } });
    const result = evaluate(plan, [observed('2025-01-15', 25)], '2025-01-20');
    expect(result).toMatchObject({ required: 20, gap: 5, status: 'on_track', progress: null });
  });
});

describe('the progress class', () => {
  const YEAR = 365.25;
  const cagr = (from: number, to: number, days: number) => (to / from) ** (YEAR / days) - 1;
  // Baseline 10 on 2024-01-01, final target 100 on 2030-01-01 (2192 days).
  const plan = increasePlan({
    baseline: { date: '2024-01-01', day: day('2024-01-01'), value: 10 },
    milestones: [point('2030-01-01', 100)],
    staleAfterDays: 5000,
  });
  const requiredRate = cagr(10, 100, 2192);

  it('null before a year of progress: 364 days → null, 365 days → a class', () => {
    expect(evaluate(plan, [observed(addDays('2024-01-01', 364), 20)], '2025-06-01').progress).toBeNull();
    // 365 days from 10 to 20: observed rate 2^(365.25/365) − 1 ≈ 1.0005, far above the required ≈ 0.47.
    expect(evaluate(plan, [observed(addDays('2024-01-01', 365), 20)], '2025-06-01').progress).toBe(
      'on_track',
    );
  });

  it('thresholds hold at equality (slack 1e-9), for the ratio of observed to required growth', () => {
    const latest = observed('2026-01-01', 14); // 731 days
    const ratio = cagr(10, 14, 731) / requiredRate;
    const at = (thresholds: { high: number; med: number; low: number }) =>
      evaluate({ ...plan, progressThresholds: thresholds }, [latest], '2026-01-02').progress;
    expect(at({ high: ratio, med: ratio - 0.1, low: ratio - 0.2 })).toBe('on_track');
    expect(at({ high: ratio + 1e-6, med: ratio, low: ratio - 0.2 })).toBe('progress_needs_acceleration');
    expect(at({ high: ratio + 2e-6, med: ratio + 1e-6, low: ratio })).toBe('limited_progress');
    expect(at({ high: ratio + 3e-6, med: ratio + 2e-6, low: ratio + 1e-6 })).toBe('deterioration');
    // Defaults 0.95 / 0.6 / 0: the ratio here is ≈ 0.37.
    expect(ratio).toBeGreaterThan(0);
    expect(ratio).toBeLessThan(0.6);
    expect(evaluate(plan, [latest], '2026-01-02').progress).toBe('limited_progress');
  });

  it('going backwards is deterioration; reaching the final target is target_achieved', () => {
    expect(evaluate(plan, [observed('2026-01-01', 9)], '2026-01-02').progress).toBe('deterioration');
    expect(evaluate(plan, [observed('2024-02-01', 100)], '2024-02-02').progress).toBe('target_achieved');
  });

  it('a decreasing indicator: both rates negative, no sign flip', () => {
    const rank = decreasePlan({
      baseline: { date: '2021-12-31', day: day('2021-12-31'), value: 59 },
      milestones: [point('2025-12-31', 20)],
      staleAfterDays: 5000,
    });
    // 59 → 39 in 365 days; required 59 → 20 in 1461 days.
    const ratio = cagr(59, 39, 365) / cagr(59, 20, 1461);
    expect(ratio).toBeGreaterThan(0.95);
    expect(evaluate(rank, [observed('2022-12-31', 39)], '2023-01-01').progress).toBe('on_track');
    // Rank worsening to 62: observed rate positive, ratio negative.
    expect(evaluate(rank, [observed('2022-12-31', 62)], '2023-01-01').progress).toBe('deterioration');
  });

  it('a final target of 0 is taken as 0.001, in the achieved test too', () => {
    const zero = decreasePlan({
      baseline: { date: '2024-01-01', day: day('2024-01-01'), value: 8 },
      milestones: [point('2026-01-01', 0)],
      min: 0,
      staleAfterDays: 5000,
    });
    expect(evaluate(zero, [observed('2025-06-01', 0.001)], '2025-06-02').progress).toBe('target_achieved');
    // 0.002 > 0.001: assessed; 8 → 0.002 over 517 days against 8 → 0.001 over 731 days.
    const ratio = cagr(8, 0.002, 517) / cagr(8, 0.001, 731);
    const expected = ratio >= 0.95 ? 'on_track' : 'progress_needs_acceleration';
    expect(evaluate(zero, [observed('2025-06-01', 0.002)], '2025-06-02').progress).toBe(expected);
    // A value of 0 itself: achieved (0 ≤ 0.001), never a division by zero.
    expect(evaluate(zero, [observed('2025-06-01', 0)], '2025-06-02').progress).toBe('target_achieved');
  });

  it('null when the baseline value or the latest value is ≤ 0, or the final target is not after the baseline', () => {
    const fromZero = { ...plan, baseline: { date: '2024-01-01', day: day('2024-01-01'), value: 0 } };
    expect(evaluate(fromZero, [observed('2026-01-01', 30)], '2026-01-02').progress).toBeNull();
    const rising = increasePlan({
      baseline: { date: '2024-01-01', day: day('2024-01-01'), value: -5 },
      milestones: [point('2030-01-01', 10)],
      min: -100,
      staleAfterDays: 5000,
    });
    expect(evaluate(rising, [observed('2026-01-01', 0)], '2026-01-02').progress).toBeNull();
    const pastTarget = { ...plan, milestones: [point('2023-01-01', 100)] };
    expect(evaluate(pastTarget, [observed('2026-01-01', 30)], '2026-01-02').progress).toBeNull();
  });

  it('a required rate of zero (the target equals the baseline) is deterioration while not achieved', () => {
    const flat = decreasePlan({
      baseline: { date: '2021-12-31', day: day('2021-12-31'), value: 20 },
      milestones: [point('2030-12-31', 20)],
      staleAfterDays: 5000,
    });
    expect(evaluate(flat, [observed('2023-12-31', 25)], '2024-01-01').progress).toBe('deterioration');
    expect(evaluate(flat, [observed('2023-12-31', 19)], '2024-01-01').progress).toBe('target_achieved');
  });

  it('null for no_data; computed for a stale series that has a value', () => {
    expect(evaluate(plan, [], '2026-01-01').progress).toBeNull();
    const stale = evaluate({ ...plan, staleAfterDays: 10 }, [observed('2026-01-01', 14)], '2026-03-01');
    expect(stale.status).toBe('stale');
    expect(stale.progress).toBe('limited_progress');
  });
});
