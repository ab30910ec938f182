import { describe, expect, it } from 'vitest';
import { isUnitValidOn } from '../../shared/catalog/programme.ts';
import { evaluateProgramme, groupBySeries } from '../../shared/domain/programme-evaluation.ts';
import type { Observation } from '../../shared/snapshots/observation-rows.ts';
import { type CatalogJson, programmeOf, sampleCatalog } from './catalog-fixtures.ts';
import { day } from './engine-fixtures.ts';

function evaluateCatalog(catalog: CatalogJson, observations: Observation[], asOf: string) {
  return evaluateProgramme(programmeOf(catalog), groupBySeries(observations), asOf);
}

function resultFor(report: ReturnType<typeof evaluateCatalog>, unit: string, indicator: string) {
  const found = report.results.find((result) => result.unit === unit && result.indicator === indicator);
  if (!found) throw new Error(`no result for ${unit}/${indicator}`);
  return found;
}

const obs = (unit: string, indicator: string, date: string, value: number): Observation => ({
  unit,
  indicator,
  date,
  value,
});

describe('evaluateProgramme', () => {
  it('reports every series of the units valid on asOf, with the programme id and asOf', () => {
    const report = evaluateCatalog(sampleCatalog(), [], '2025-02-01');
    expect(report.programme).toBe('test-programme');
    expect(report.asOf).toBe('2025-02-01');
    // 42 has both indicators; 18100 has the commune target; 18073 is not valid yet.
    expect(report.results.map((result) => `${result.unit}/${result.indicator}`)).toEqual([
      '18100/dossiers-online',
      '42/digital-gov-rank',
      '42/dossiers-online',
    ]);
    // v2: 18100's first report was owed from its 2025-01-01 baseline and is 31 > 20 days overdue.
    expect(report.results.map((result) => result.status)).toEqual(['stale', 'no_data', 'no_data']);
  });

  it('revisions: for the same date, the last value received wins', () => {
    const first = evaluateCatalog(
      sampleCatalog(),
      [obs('42', 'dossiers-online', '2025-01-11', 30), obs('42', 'dossiers-online', '2025-01-11', 10)],
      '2025-01-20',
    );
    expect(resultFor(first, '42', 'dossiers-online')).toMatchObject({ value: 10, status: 'behind' });
    const second = evaluateCatalog(
      sampleCatalog(),
      [obs('42', 'dossiers-online', '2025-01-11', 10), obs('42', 'dossiers-online', '2025-01-11', 30)],
      '2025-01-20',
    );
    expect(resultFor(second, '42', 'dossiers-online')).toMatchObject({ value: 30, status: 'on_track' });
  });

  it('revisions received out of date order still give one value per date, in date order', () => {
    // Received: 01-21 = 40, 01-11 = 30, 01-21 revised to 35. Latest is 01-21 with 35;
    // r(2025-01-21) = 20 + 30 · 20 / 30 = 40, gap −5 → at_risk (tolerance 5).
    const report = evaluateCatalog(
      sampleCatalog(),
      [
        obs('42', 'dossiers-online', '2025-01-21', 40),
        obs('42', 'dossiers-online', '2025-01-11', 30),
        obs('42', 'dossiers-online', '2025-01-21', 35),
      ],
      '2025-01-25',
    );
    expect(resultFor(report, '42', 'dossiers-online')).toMatchObject({
      date: '2025-01-21',
      value: 35,
      status: 'at_risk',
    });
  });

  it('ignores observations dated after asOf', () => {
    const report = evaluateCatalog(
      sampleCatalog(),
      [obs('42', 'dossiers-online', '2025-01-11', 30), obs('42', 'dossiers-online', '2025-01-21', 99)],
      '2025-01-20',
    );
    expect(resultFor(report, '42', 'dossiers-online')).toMatchObject({ date: '2025-01-11', value: 30 });
  });

  describe('unit validity window (validFrom 2025-07-01, validTo 2025-12-31, inclusive)', () => {
    const has18073 = (asOf: string) =>
      evaluateCatalog(sampleCatalog(), [], asOf).results.some((result) => result.unit === '18073');

    it('the day before validFrom: no result', () => expect(has18073('2025-06-30')).toBe(false));
    it('on validFrom: evaluated', () => expect(has18073('2025-07-01')).toBe(true));
    it('on validTo: evaluated', () => expect(has18073('2025-12-31')).toBe(true));
    it('the day after validTo: no result', () => expect(has18073('2026-01-01')).toBe(false));

    it('isUnitValidOn treats missing bounds as open', () => {
      expect(isUnitValidOn({ id: 'x', name: 'x', level: 'l' }, '1900-01-01')).toBe(true);
      expect(isUnitValidOn({ id: 'x', name: 'x', level: 'l', validTo: '2025-06-30' }, '2025-06-30')).toBe(
        true,
      );
      expect(isUnitValidOn({ id: 'x', name: 'x', level: 'l', validTo: '2025-06-30' }, '2025-07-01')).toBe(
        false,
      );
    });
  });

  it('sorts results by unit id then indicator id in plain string order', () => {
    const catalog = sampleCatalog();
    catalog.indicators = ['b', 'Z', 'a'].map((id) => ({
      id,
      name: id,
      direction: 'increase',
      targets: [{ level: 'commune', milestones: [{ date: '2030-12-31', value: 1 }] }],
    }));
    catalog.units = ['9', '10', 'a', '100', 'A'].map((id) => ({ id, name: id, level: 'commune' }));
    const report = evaluateCatalog(catalog, [], '2025-01-01');
    // Code-unit order: digits < upper case < lower case, and "10" < "100" < "9".
    const units = ['10', '100', '9', 'A', 'a'];
    const indicators = ['Z', 'a', 'b'];
    expect(report.results.map((result) => [result.unit, result.indicator])).toEqual(
      units.flatMap((unit) => indicators.map((indicator) => [unit, indicator])),
    );
  });
});

describe('plan resolution: precedence and overrides', () => {
  it('defaults: tolerance 0 and staleAfterDays 45 when nothing sets them', () => {
    const catalog = sampleCatalog();
    delete catalog.indicators[1].staleAfterDays;
    const plan = programmeOf(catalog).planOf('42', 'digital-gov-rank');
    expect(plan).toMatchObject({ tolerance: 0, staleAfterDays: 45, direction: 'decrease', min: 1, max: 63 });
  });

  it('indicator values apply unless the target sets its own', () => {
    const programme = programmeOf(sampleCatalog());
    expect(programme.planOf('42', 'dossiers-online')).toMatchObject({ tolerance: 5, staleAfterDays: 45 });
    expect(programme.planOf('42', 'digital-gov-rank')).toMatchObject({ tolerance: 0, staleAfterDays: 400 });
    // The commune target sets tolerance 2 and staleAfterDays 20 over the indicator's 5 and 45.
    expect(programme.planOf('18100', 'dossiers-online')).toMatchObject({ tolerance: 2, staleAfterDays: 20 });
  });

  it('the target tolerance changes the status: commune gap −3 is behind with tolerance 2', () => {
    // Commune line 10 → 40 over 30 days: r(2025-01-11) = 20; 17 gives gap −3.
    const report = evaluateCatalog(
      sampleCatalog(),
      [obs('18100', 'dossiers-online', '2025-01-11', 17)],
      '2025-01-20',
    );
    expect(resultFor(report, '18100', 'dossiers-online')).toMatchObject({
      required: 20,
      status: 'behind',
    });
    // The same gap at the province (tolerance 5): r = 30, 27 → at_risk.
    const province = evaluateCatalog(
      sampleCatalog(),
      [obs('42', 'dossiers-online', '2025-01-11', 27)],
      '2025-01-20',
    );
    expect(resultFor(province, '42', 'dossiers-online').status).toBe('at_risk');
  });

  it('the target staleAfterDays applies: 20 days for communes', () => {
    // 2025-01-11 + 20 = 2025-01-31 (not stale), 2025-02-01 stale
    const received = [obs('18100', 'dossiers-online', '2025-01-11', 20)];
    expect(
      resultFor(evaluateCatalog(sampleCatalog(), received, '2025-01-31'), '18100', 'dossiers-online').status,
    ).toBe('on_track');
    expect(
      resultFor(evaluateCatalog(sampleCatalog(), received, '2025-02-01'), '18100', 'dossiers-online').status,
    ).toBe('stale');
  });

  it('an override replaces tolerance and staleAfterDays for one series only', () => {
    const catalog = sampleCatalog();
    catalog.overrides = [{ unit: '42', indicator: 'dossiers-online', tolerance: 1, staleAfterDays: 5 }];
    const programme = programmeOf(catalog);
    expect(programme.planOf('42', 'dossiers-online')).toMatchObject({ tolerance: 1, staleAfterDays: 5 });
    expect(programme.planOf('18100', 'dossiers-online')).toMatchObject({ tolerance: 2, staleAfterDays: 20 });
    // r(2025-01-11) = 30; 27 is now behind (gap −3 < −1); 5 days later still fresh, 6 days stale.
    const received = [obs('42', 'dossiers-online', '2025-01-11', 27)];
    expect(resultFor(evaluateCatalog(catalog, received, '2025-01-16'), '42', 'dossiers-online').status).toBe(
      'behind',
    );
    expect(resultFor(evaluateCatalog(catalog, received, '2025-01-17'), '42', 'dossiers-online').status).toBe(
      'stale',
    );
  });

  it('an override tolerance of 0 wins over the indicator tolerance', () => {
    const catalog = sampleCatalog();
    catalog.overrides = [{ unit: '42', indicator: 'dossiers-online', tolerance: 0 }];
    expect(programmeOf(catalog).planOf('42', 'dossiers-online')?.tolerance).toBe(0);
  });

  it('an override replaces the baseline (date only) and the milestones', () => {
    const catalog = sampleCatalog();
    catalog.overrides = [
      {
        unit: '42',
        indicator: 'dossiers-online',
        baseline: { date: '2025-01-11' },
        milestones: [{ date: '2025-02-10', value: 60 }],
      },
    ];
    const plan = programmeOf(catalog).planOf('42', 'dossiers-online');
    expect(plan?.baseline).toEqual({ date: '2025-01-11', day: day('2025-01-11') });
    expect(plan?.milestones).toEqual([{ date: '2025-02-10', day: day('2025-02-10'), value: 60 }]);
    // Baseline (2025-01-11, 30 from the observation on that date); 30 days to 60:
    // r(2025-01-21) = 30 + 30 · 10 / 30 = 40; 36 → gap −4 → at_risk (tolerance 5, indicator's).
    const report = evaluateCatalog(
      catalog,
      [obs('42', 'dossiers-online', '2025-01-11', 30), obs('42', 'dossiers-online', '2025-01-21', 36)],
      '2025-01-21',
    );
    const result = resultFor(report, '42', 'dossiers-online');
    expect(result.required).toBeCloseTo(40, 12);
    expect(result.status).toBe('at_risk');
    // Projection: slope (36 − 30) / 10 = 0.6 a day; 2025-02-10 is 20 days on: 36 + 12 = 48 < 60.
    expect(result.milestones).toEqual([
      { date: '2025-02-10', target: 60, verdict: 'unlikely', projected: expect.closeTo(48, 9) },
    ]);
  });

  it('an override baseline with a value replaces the target baseline', () => {
    const catalog = sampleCatalog();
    catalog.overrides = [
      { unit: '42', indicator: 'dossiers-online', baseline: { date: '2025-01-01', value: 35 } },
    ];
    // r(2025-01-11) = 35 + (50 − 35) · 10 / 30 = 40
    const report = evaluateCatalog(catalog, [obs('42', 'dossiers-online', '2025-01-11', 40)], '2025-01-11');
    expect(resultFor(report, '42', 'dossiers-online').required).toBeCloseTo(40, 12);
  });
});
