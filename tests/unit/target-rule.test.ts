import { describe, expect, it } from 'vitest';
import { currentValues, type DatedValue } from '../../shared/domain/observation.ts';
import type { SeriesPlan } from '../../shared/domain/series-plan.ts';
import { applyTargetRule } from '../../shared/domain/target-rule.ts';
import { day, decreasePlan, evaluate, observed, point } from './engine-fixtures.ts';

/** Stay in the top 20: from 59 (2021) to 20 by 2025-12-31 and still 20 in 2030. */
function rankPlan(changes: Partial<SeriesPlan> = {}): SeriesPlan {
  return decreasePlan({
    unit: '42',
    baseline: { date: '2021-12-31', day: day('2021-12-31'), value: 59 },
    milestones: [point('2025-12-31', 20), point('2030-12-31', 20)],
    staleAfterDays: 600,
    ...changes,
  });
}

function judge(plan: SeriesPlan, received: readonly DatedValue[], asOf: string) {
  return applyTargetRule(plan, currentValues(received, day(asOf)), evaluate(plan, received, asOf));
}

describe('hold: a bound that, once reached, must hold', () => {
  const hold = rankPlan({ rule: { kind: 'hold' } });

  it('reached then lost within the tolerance: behind, where the trajectory alone says at_risk', () => {
    const received = [observed('2022-12-31', 39), observed('2024-12-31', 7), observed('2026-12-31', 21)];
    expect(evaluate(rankPlan(), received, '2027-01-10').status).toBe('at_risk');
    expect(judge(hold, received, '2027-01-10').status).toBe('behind');
  });

  it('reached and held: unchanged (achieved)', () => {
    const received = [observed('2024-12-31', 7), observed('2025-12-31', 12)];
    expect(judge(hold, received, '2026-01-10')).toEqual(evaluate(rankPlan(), received, '2026-01-10'));
    expect(judge(hold, received, '2026-01-10').status).toBe('achieved');
  });

  it('never reached yet: the trajectory decides (on the line = on_track)', () => {
    const received = [observed('2022-12-31', 39)];
    const plain = evaluate(rankPlan(), received, '2023-01-10');
    expect(judge(hold, received, '2023-01-10')).toEqual(plain);
  });

  it('a stale series stays stale even after losing the bound', () => {
    const received = [observed('2024-12-31', 7), observed('2025-12-31', 25)];
    expect(judge(hold, received, '2028-01-01').status).toBe('stale');
  });

  it('a value exactly on the bound holds it', () => {
    const received = [observed('2024-12-31', 7), observed('2025-12-31', 20)];
    expect(judge(hold, received, '2026-01-10').status).toBe('achieved');
  });
});

describe('band: any value from worst to best meets the target (top 25–30)', () => {
  const band = rankPlan({
    baseline: { date: '2021-12-31', day: day('2021-12-31'), value: 40 },
    milestones: [point('2025-12-31', 30), point('2030-12-31', 25)],
    rule: { kind: 'band', best: 25, worst: 30 },
    tolerance: 0,
  });

  it('inside the band but behind the trajectory to 25: on_track', () => {
    const received = [observed('2028-12-31', 29)];
    expect(evaluate({ ...band, rule: undefined }, received, '2029-01-10').status).toBe('behind');
    expect(judge(band, received, '2029-01-10').status).toBe('on_track');
  });

  it('at or better than best: achieved; worse than worst: the trajectory status', () => {
    expect(judge(band, [observed('2026-12-31', 25)], '2027-01-10').status).toBe('achieved');
    expect(judge(band, [observed('2026-12-31', 31)], '2027-01-10').status).toBe('behind');
  });

  it('milestone verdicts compare with the worst edge', () => {
    const received = [observed('2024-12-31', 33), observed('2025-12-31', 30)];
    const result = judge(band, received, '2026-01-10');
    expect(result.milestones[0]).toMatchObject({ verdict: 'met', value: 30 });
    // Projected from 33 → 30 a year: 15 by 2030, clamped by nothing but min 1: likely.
    expect(result.milestones[1]).toMatchObject({ verdict: 'likely' });
    const missed = judge(band, [observed('2025-12-31', 31)], '2026-01-10');
    expect(missed.milestones[0]).toMatchObject({ verdict: 'missed', value: 31 });
  });

  it('a projection past the worst edge is unlikely even if the plain target at 25 says so too', () => {
    const received = [observed('2026-12-31', 28), observed('2027-12-31', 30)];
    const result = judge(band, received, '2028-01-10');
    expect(result.milestones[1]).toMatchObject({ verdict: 'unlikely' });
  });
});
