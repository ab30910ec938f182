import { describe, expect, it } from 'vitest';
import { evaluateProgramme, groupBySeries } from '../../shared/domain/programme-evaluation.ts';
import { buildScorecard, ratioIndexOf } from '../../shared/domain/scorecard.ts';
import type { Observation } from '../../shared/snapshots/observation-rows.ts';
import { type CatalogJson, programmeOf } from './catalog-fixtures.ts';

/**
 * Four communes A–D, two indicators, asOf 2026-01-20 (docs/scorecard.md). Every figure below is
 * worked out by hand in the comments.
 */
function catalog(): CatalogJson {
  return {
    programme: { id: 'score', name: 'Thử bảng chỉ tiêu' },
    indicators: [
      {
        id: 'online',
        name: 'Hồ sơ trực tuyến',
        unit: '%',
        direction: 'increase',
        min: 0,
        max: 100,
        staleAfterDays: 90,
        targets: [
          {
            level: 'commune',
            baseline: { date: '2024-01-01', value: 20 },
            milestones: [
              { date: '2025-12-31', value: 60 },
              { date: '2030-12-31', value: 90 },
            ],
          },
          // No province unit exists: this target is left out of the scorecard.
          { level: 'province', milestones: [{ date: '2025-12-31', value: 80 }] },
        ],
      },
      {
        id: 'days',
        name: 'Số ngày xử lý',
        unit: 'ngày',
        direction: 'decrease',
        min: 0,
        cadence: 'quarterly',
        publicationLagDays: 30,
        graceDays: 10,
        targets: [{ level: 'commune', milestones: [{ date: '2025-12-31', value: 5 }] }],
      },
    ],
    units: ['A', 'B', 'C', 'D'].map((id) => ({ id, name: `Xã ${id}`, level: 'commune' })),
  };
}

const OBSERVATIONS: Observation[] = [
  { unit: 'A', indicator: 'online', date: '2025-06-01', value: 55 },
  { unit: 'A', indicator: 'online', date: '2025-12-01', value: 70, numerator: 70, denominator: 100 },
  { unit: 'B', indicator: 'online', date: '2025-12-15', value: 50, numerator: 100, denominator: 200 },
  { unit: 'C', indicator: 'online', date: '2025-11-30', value: 62, numerator: 31, denominator: 50 },
  { unit: 'A', indicator: 'days', date: '2025-12-20', value: 4.5 },
  { unit: 'B', indicator: 'days', date: '2025-12-20', value: 6 },
];

function scorecardOf(observations: readonly Observation[], asOf = '2026-01-20') {
  const programme = programmeOf(catalog());
  const history = groupBySeries(observations);
  const results = evaluateProgramme(programme, history, asOf).results;
  return buildScorecard({ programme, results, history, ratios: ratioIndexOf(observations), asOf });
}

describe('the programme scorecard', () => {
  const card = scorecardOf(OBSERVATIONS);
  const target = (indicator: string, date: string) =>
    card.targets.find((candidate) => candidate.indicator === indicator && candidate.date === date);

  it('lists one entry per target of a level that has units, in catalog order', () => {
    expect(card.targets.map((entry) => `${entry.indicator} ${entry.level} ${entry.date}`)).toEqual([
      'online commune 2025-12-31',
      'online commune 2030-12-31',
      'days commune 2025-12-31',
    ]);
  });

  it('after its date: the units’ milestone verdicts and the pooled share as of the date', () => {
    // A 70 ≥ 60 met, B 50 missed, C 62 met, D never reported (unknown).
    // Pooled share: 100 · (70 + 100 + 31) / (100 + 200 + 50) = 100 · 201 / 350 = 57.142857…
    // (the mean of the shares would be (70 + 50 + 62) / 3 = 60.67 and meet the target).
    const online2025 = target('online', '2025-12-31');
    expect(online2025).toMatchObject({
      target: 60,
      method: 'share',
      reporting: 3,
      units: 4,
      counts: { met: 2, onTrack: 0, behind: 1, notReporting: 1, pending: 0 },
      verdict: 'missed',
    });
    expect(online2025?.figure).toBeCloseTo((100 * 201) / 350, 12);
  });

  it('falls back to the mean when any contributing value lacks its ratio', () => {
    const withoutC = OBSERVATIONS.map((row) =>
      row.unit === 'C' ? { unit: 'C', indicator: 'online', date: row.date, value: row.value } : row,
    );
    const online2025 = scorecardOf(withoutC).targets[0];
    // (70 + 50 + 62) / 3 = 60.666… ≥ 60: met.
    expect(online2025).toMatchObject({ method: 'mean', verdict: 'met' });
    expect(online2025?.figure).toBeCloseTo(182 / 3, 12);
  });

  it('before its date: current values, unit statuses, and the mean projection decides', () => {
    // r(2025-12-01) = 20 + 40 · 700 / 730 = 58.36: A (70) on track; r(2025-12-15) = 59.12: B (50) behind;
    // r(2025-11-30) = 58.30: C (62) on track; D's first report, owed from 2024-01-01, is overdue.
    // Figure: the same pooled share 57.14 < 90. Only A has two points: slope 15 / 183 a day, which
    // projects far above 100 on 2030-12-31, clamped to 100 ≥ 90: likely.
    const online2030 = target('online', '2030-12-31');
    expect(online2030).toMatchObject({
      method: 'share',
      counts: { met: 0, onTrack: 2, behind: 1, notReporting: 1, pending: 0 },
      verdict: 'likely',
    });
    expect(online2030?.figure).toBeCloseTo((100 * 201) / 350, 12);
  });

  it('a target is pending while any unit’s figure of the period is not due yet', () => {
    // Quarterly, lag 30 + grace 10: C and D have nothing in Q4 2025 and 2026-01-20 ≤ 2025-12-31 + 40.
    // A 4.5 ≤ 5 met, B 6 missed; the figure is the mean (4.5 + 6) / 2 = 5.25 (no ratios).
    expect(target('days', '2025-12-31')).toMatchObject({
      figure: 5.25,
      method: 'mean',
      reporting: 2,
      counts: { met: 1, onTrack: 0, behind: 1, notReporting: 0, pending: 2 },
      verdict: 'pending',
    });
    // After the wait (2026-02-10) C and D count as not reporting and the level figure decides: 5.25 > 5.
    const later = scorecardOf(OBSERVATIONS, '2026-02-10').targets.find((entry) => entry.indicator === 'days');
    expect(later).toMatchObject({
      counts: { met: 1, onTrack: 0, behind: 1, notReporting: 2, pending: 0 },
      verdict: 'missed',
    });
  });

  it('the headline counts targets met or already achieved per milestone year', () => {
    expect(card.years).toEqual([
      { year: '2025', met: 0, pending: 1, targets: 2 },
      { year: '2030', met: 0, pending: 0, targets: 1 },
    ]);
    // A value already at the 2030 target counts as đạt before the date.
    const ahead = scorecardOf([
      ...OBSERVATIONS,
      { unit: 'A', indicator: 'online', date: '2026-01-10', value: 95 },
      { unit: 'B', indicator: 'online', date: '2026-01-10', value: 95 },
      { unit: 'C', indicator: 'online', date: '2026-01-10', value: 95 },
      { unit: 'D', indicator: 'online', date: '2026-01-10', value: 95 },
    ]);
    expect(ahead.targets[1]).toMatchObject({ figure: 95, method: 'mean', verdict: 'achieved' });
    expect(ahead.years.find((year) => year.year === '2030')).toEqual({
      year: '2030',
      met: 1,
      pending: 0,
      targets: 1,
    });
  });
});
