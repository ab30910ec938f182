import { describe, expect, it } from 'vitest';
import { unitOnDate } from '../../shared/catalog/unit-on-date.ts';
import { evaluateProgramme, groupBySeries } from '../../shared/domain/programme-evaluation.ts';
import { checkRows } from '../../shared/snapshots/observation-rows.ts';
import type { SnapshotBatch } from '../../shared/snapshots/snapshot-file.ts';
import { problemsOf, programmeOf } from './catalog-fixtures.ts';
import { reorganisedCatalog } from './reorganisation-fixtures.ts';

function batchOf(rows: { unit: string; date: string; value: number }[]): SnapshotBatch {
  return {
    format: 'json',
    rows: rows.map((row, index) => ({
      location: `snapshots[${index}]`,
      indicator: 'work-records-online',
      ...row,
    })),
    unreadable: [],
  };
}

describe('old and new communes share official codes', () => {
  const programme = programmeOf(reorganisedCatalog());

  it('a shared code names the unit valid on the date, on both sides of the merge', () => {
    expect(unitOnDate(programme, '18073', '2025-06-30')?.id).toBe('pre2025-18073');
    expect(unitOnDate(programme, '18073', '2025-07-01')?.id).toBe('18073');
    expect(unitOnDate(programme, 'pre2025-18073', '2024-01-31')?.id).toBe('pre2025-18073');
    expect(unitOnDate(programme, '99999', '2024-01-31')).toBeUndefined();
  });

  it('when no unit of that name is valid, the unit with that id is returned for the reason', () => {
    expect(unitOnDate(programme, 'pre2025-18073', '2025-07-01')?.id).toBe('pre2025-18073');
    expect(unitOnDate(programme, '18077', '2025-07-01')?.id).toBe('pre2025-18077');
  });

  it('snapshots naming 18073 land on Nam Hà before the merge and on Thành Sen after it', () => {
    const checked = checkRows(
      programme,
      batchOf([
        { unit: '18073', date: '2025-06-30', value: 40 },
        { unit: '18073', date: '2025-07-31', value: 42 },
        { unit: '18077', date: '2025-07-31', value: 42 },
      ]),
    );
    expect(checked.observations.map((row) => [row.unit, row.date])).toEqual([
      ['pre2025-18073', '2025-06-30'],
      ['18073', '2025-07-31'],
    ]);
    expect(checked.rejected.map((row) => row.reason)).toEqual([
      'unit "pre2025-18077" is not valid on 2025-07-31 (valid to 2025-06-30)',
    ]);
  });

  it('two units naming one code on overlapping dates is a catalog error', () => {
    const catalog = reorganisedCatalog();
    delete catalog.units[4].validFrom;
    catalog.indicators[0].targets[1].validFrom = undefined;
    catalog.indicators[0].targets = [catalog.indicators[0].targets[0]];
    expect(problemsOf(catalog)).toContainEqual({
      file: 'broken.json',
      location: 'units[4].code',
      message:
        'code "18073" also names units[2] on overlapping dates: a snapshot naming it would be ambiguous',
    });
  });
});

describe('a dated target: old and new communes have their own plans for one level', () => {
  const programme = programmeOf(reorganisedCatalog());

  it('each generation gets the target whose window holds its validity', () => {
    expect(programme.planOf('pre2025-18073', 'work-records-online')?.baseline?.date).toBe('2021-10-22');
    expect(programme.planOf('18073', 'work-records-online')?.baseline?.date).toBe('2025-07-01');
  });

  it('overlapping targets of one level are an error', () => {
    const catalog = reorganisedCatalog();
    catalog.indicators[0].targets[1].validFrom = '2025-06-30';
    expect(problemsOf(catalog)).toContainEqual({
      file: 'broken.json',
      location: 'indicators[0].targets[1].level',
      message: 'level "commune" already has a target at targets[0] valid from 2025-06-30',
    });
  });

  it('a unit only partly inside a dated target is an error', () => {
    const catalog = reorganisedCatalog();
    catalog.units[2].validTo = '2025-07-15';
    expect(problemsOf(catalog)).toContainEqual({
      file: 'broken.json',
      location: 'units[2]',
      message:
        'unit "pre2025-18073" (valid to 2025-07-15) is only partly inside indicators[0].targets[0] (valid to 2025-06-30): a unit must lie wholly inside a dated target',
    });
  });

  it('the level has results from one generation at a time', () => {
    const units = (asOf: string) => evaluateProgramme(programme, new Map(), asOf).results.map((r) => r.unit);
    expect(units('2025-06-30')).toEqual(['pre2025-18073', 'pre2025-18077']);
    expect(units('2025-07-01')).toEqual(['18073']);
  });
});

describe('baselineFrom: predecessors', () => {
  function evaluateWith(rows: { unit: string; date: string; value: number }[], ask = true) {
    const catalog = reorganisedCatalog();
    if (ask) catalog.indicators[0].targets[1].baselineFrom = 'predecessors';
    const programme = programmeOf(catalog);
    const observations = checkRows(programme, batchOf(rows)).observations;
    const report = evaluateProgramme(programme, groupBySeries(observations), '2025-08-31');
    return report.results.find((result) => result.unit === '18073');
  }

  it('weighted mean of the predecessors’ last values before the merge (weights 1 and 3)', () => {
    // (1·40 + 3·20) / 4 = 25 on 2025-07-01; 60 on 2025-12-31 (183 days): r(2025-07-31) = 25 + 35·30/183.
    const result = evaluateWith([
      { unit: '18073', date: '2025-06-30', value: 40 },
      { unit: '18077', date: '2025-05-31', value: 20 },
      { unit: '18073', date: '2025-07-31', value: 33 },
    ]);
    expect(result?.required).toBeCloseTo(25 + (35 * 30) / 183, 9);
  });

  it('a predecessor that did not report within its staleAfterDays: the plan’s own baseline (first report)', () => {
    const result = evaluateWith([
      { unit: '18073', date: '2025-06-30', value: 40 },
      { unit: '18077', date: '2025-04-30', value: 20 },
      { unit: '18073', date: '2025-07-31', value: 33 },
    ]);
    // Baseline date 2025-07-01, value of the earliest observation after it (33): r(2025-07-31) = 33 + 27·30/183.
    expect(result?.required).toBeCloseTo(33 + (27 * 30) / 183, 9);
  });

  it('45 days old on the eve of the merge is still fresh', () => {
    const result = evaluateWith([
      { unit: '18073', date: '2025-06-30', value: 40 },
      { unit: '18077', date: '2025-05-16', value: 20 },
      { unit: '18073', date: '2025-07-31', value: 33 },
    ]);
    expect(result?.required).toBeCloseTo(25 + (35 * 30) / 183, 9);
  });

  it('only when the catalog asks', () => {
    const result = evaluateWith(
      [
        { unit: '18073', date: '2025-06-30', value: 40 },
        { unit: '18077', date: '2025-05-31', value: 20 },
        { unit: '18073', date: '2025-07-31', value: 33 },
      ],
      false,
    );
    expect(result?.required).toBeCloseTo(33 + (27 * 30) / 183, 9);
  });

  it('an override asking for it on a unit with no predecessors is an error', () => {
    const catalog = reorganisedCatalog();
    catalog.overrides = [
      { unit: 'pre2025-18073', indicator: 'work-records-online', baselineFrom: 'predecessors' },
    ];
    expect(problemsOf(catalog)).toContainEqual({
      file: 'broken.json',
      location: 'overrides[0].baselineFrom',
      message: 'unit "pre2025-18073" has no mergedFrom to take a baseline from',
    });
  });
});
