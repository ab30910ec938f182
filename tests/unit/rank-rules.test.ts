import { describe, expect, it } from 'vitest';
import { rankCountOn } from '../../shared/catalog/rank-count.ts';
import { checkRows } from '../../shared/snapshots/observation-rows.ts';
import { type CatalogJson, problemsOf, programmeOf, sampleCatalog } from './catalog-fixtures.ts';

/** The fixture's rank indicator with the opt-in checks: whole ranks, 63 ranked, then 34 from 2025-01-15. */
function rankedCatalog(): CatalogJson {
  const catalog = sampleCatalog();
  catalog.indicators[1].rank = {
    integer: true,
    outOf: [
      { from: '2021-01-01', count: 63 },
      { from: '2025-01-15', count: 34 },
    ],
  };
  return catalog;
}

const problem = (location: string, message: string) => ({ file: 'broken.json', location, message });

describe('rank.outOf: how many were ranked on a date', () => {
  const rank = rankedCatalog().indicators[1].rank;
  it.each([
    ['2020-12-31', undefined],
    ['2021-01-01', 63],
    ['2025-01-14', 63],
    ['2025-01-15', 34],
    ['2030-12-31', 34],
  ])('%s → %s', (date, count) => expect(rankCountOn(rank, date)).toBe(count));
});

describe('catalog check of the rank fields and target kinds', () => {
  it('the ranked catalog is valid', () => expect(problemsOf(rankedCatalog())).toEqual([]));

  it('outOf dates must increase and counts stay within max', () => {
    const catalog = rankedCatalog();
    catalog.indicators[1].rank.outOf = [
      { from: '2020-01-01', count: 70 },
      { from: '2020-01-01', count: 63 },
    ];
    expect(problemsOf(catalog)).toEqual([
      problem('indicators[1].rank.outOf[0].count', "70 is above the indicator's max 63"),
      problem('indicators[1].rank.outOf[1].from', 'must be after 2020-01-01: dates strictly increase'),
    ]);
  });

  it('whole ranks and ranks within the number ranked on their date, for milestones and baselines', () => {
    const catalog = rankedCatalog();
    catalog.indicators[1].targets[0].milestones = [{ date: '2025-01-31', value: 20.5 }];
    catalog.indicators[1].targets[0].baseline = { date: '2025-01-15', value: 40 };
    expect(problemsOf(catalog)).toEqual([
      problem('indicators[1].targets[0].milestones[0].value', '20.5 is not a whole rank'),
      problem('indicators[1].targets[0].baseline.value', 'rank 40 is beyond the 34 ranked on 2025-01-15'),
    ]);
  });

  it('a band needs kind "band", its best better than its worst, and milestones inside it', () => {
    const catalog = rankedCatalog();
    catalog.indicators[1].targets[0].band = { best: 25, worst: 30 };
    expect(problemsOf(catalog)).toEqual([
      problem('indicators[1].targets[0].band', 'is only read when kind is "band"'),
    ]);
    catalog.indicators[1].targets[0].kind = 'band';
    expect(problemsOf(catalog)).toEqual([]);
    catalog.indicators[1].targets[0].band = { best: 30, worst: 25 };
    expect(problemsOf(catalog)).toEqual([
      problem(
        'indicators[1].targets[0].band.best',
        'must be smaller than worst (25) for a "decrease" indicator',
      ),
    ]);
    catalog.indicators[1].targets[0].band = { best: 10, worst: 20 };
    expect(problemsOf(catalog)).toEqual([
      problem('indicators[1].targets[0].milestones[0].value', '30 is outside the band [10, 20]'),
    ]);
    delete catalog.indicators[1].targets[0].band;
    expect(problemsOf(catalog)).toEqual([
      problem('indicators[1].targets[0].band', 'is required when kind is "band"'),
    ]);
  });

  it('unknown kinds are named', () => {
    const catalog = rankedCatalog();
    catalog.indicators[1].targets[0].kind = 'stay';
    expect(problemsOf(catalog)).toEqual([
      problem('indicators[1].targets[0].kind', 'must be "trajectory", "hold" or "band"'),
    ]);
  });

  it('the plan carries the rule of a hold or band target', () => {
    const catalog = rankedCatalog();
    catalog.indicators[1].targets[0].kind = 'hold';
    expect(programmeOf(catalog).planOf('42', 'digital-gov-rank')?.rule).toEqual({ kind: 'hold' });
    expect(programmeOf(rankedCatalog()).planOf('42', 'digital-gov-rank')?.rule).toBeUndefined();
  });
});

describe('snapshots that break an opt-in rank check are rejected', () => {
  const rows = (values: [string, unknown][]) => ({
    format: 'json' as const,
    rows: values.map(([date, value], index) => ({
      location: `snapshots[${index}]`,
      unit: '42',
      indicator: 'digital-gov-rank',
      date,
      value,
    })),
    unreadable: [],
  });

  it('a fractional rank, and a rank beyond the number ranked on its date', () => {
    const checked = checkRows(
      programmeOf(rankedCatalog()),
      rows([
        ['2024-12-31', 39],
        ['2025-01-14', 39.5],
        ['2025-01-14', 63],
        ['2025-01-15', 35],
        ['2025-01-15', 7],
      ]),
    );
    expect(checked.observations.map((row) => [row.date, row.value])).toEqual([
      ['2024-12-31', 39],
      ['2025-01-14', 63],
      ['2025-01-15', 7],
    ]);
    expect(checked.rejected.map((row) => row.reason)).toEqual([
      '39.5 is not a whole rank',
      'rank 35 is beyond the 34 ranked on 2025-01-15',
    ]);
  });

  it('without the opt-in the same values are kept (the spec examples use fractional values)', () => {
    const checked = checkRows(
      programmeOf(sampleCatalog()),
      rows([
        ['2025-01-14', 39.5],
        ['2025-01-15', 35],
      ]),
    );
    expect(checked.rejected).toEqual([]);
  });
});
