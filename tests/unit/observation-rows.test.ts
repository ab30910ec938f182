import { describe, expect, it } from 'vitest';
import { checkRows, type RowPolicy } from '../../shared/snapshots/observation-rows.ts';
import type { SnapshotBatch } from '../../shared/snapshots/snapshot-file.ts';
import { programmeOf, sampleCatalog } from './catalog-fixtures.ts';

const programme = programmeOf(sampleCatalog());

function check(rows: Record<string, unknown>[], policy?: RowPolicy) {
  const batch: SnapshotBatch = {
    format: 'json',
    rows: rows.map((fields, index) => ({
      location: `snapshots[${index}]`,
      unit: fields.unit,
      indicator: fields.indicator,
      date: fields.date,
      value: fields.value,
    })),
    unreadable: [],
  };
  return checkRows(programme, batch, policy);
}

const good = { unit: '42', indicator: 'dossiers-online', date: '2025-01-11', value: 30 };

function reasonFor(fields: Record<string, unknown>, policy?: RowPolicy) {
  const checked = check([fields, good], policy);
  expect(checked.observations).toEqual([good]);
  expect(checked.rejected).toHaveLength(1);
  expect(checked.rejected[0]?.location).toBe('snapshots[0]');
  return checked.rejected[0]?.reason;
}

describe('row rules of catalog.md: each bad row rejected with its reason, good rows kept', () => {
  it('unknown unit', () => {
    expect(reasonFor({ ...good, unit: '77' })).toBe('unknown unit "77"');
  });

  it('unknown indicator', () => {
    expect(reasonFor({ ...good, indicator: 'nope' })).toBe('unknown indicator "nope"');
  });

  it('unit and indicator that form no series', () => {
    expect(reasonFor({ ...good, unit: '18100', indicator: 'digital-gov-rank' })).toBe(
      'no series: indicator "digital-gov-rank" has no target for unit "18100" (level commune)',
    );
  });

  it('unit not valid on the date (validFrom 2025-07-01 and validTo 2025-12-31 are inclusive)', () => {
    const on = (date: string) => ({ unit: '18073', indicator: 'dossiers-online', date, value: 30 });
    const checked = check([on('2025-06-30'), on('2025-07-01'), on('2025-12-31'), on('2026-01-01')]);
    expect(checked.observations.map((observation) => observation.date)).toEqual(['2025-07-01', '2025-12-31']);
    expect(checked.rejected.map((rejected) => rejected.reason)).toEqual([
      'unit "18073" is not valid on 2025-06-30 (valid from 2025-07-01 to 2025-12-31)',
      'unit "18073" is not valid on 2026-01-01 (valid from 2025-07-01 to 2025-12-31)',
    ]);
  });

  it.each(['2025-02-30', '2025-13-01', '11/01/2025', '2025-1-11'])('date %s is not a real date', (date) => {
    expect(reasonFor({ ...good, date })).toBe(`date "${date}" is not a real calendar date YYYY-MM-DD`);
  });

  it.each([['abc'], ['12%'], [true], [null], [Number.NaN], ['']])('value %j is not a number', (value) => {
    const reason = reasonFor({ ...good, value });
    expect(reason === 'missing "value"' || reason?.endsWith('is not a number')).toBe(true);
  });

  it('numbers as text are accepted', () => {
    expect(check([{ ...good, value: ' 30.5 ' }]).observations).toEqual([{ ...good, value: 30.5 }]);
    expect(check([{ ...good, value: '1e1' }]).observations).toEqual([{ ...good, value: 10 }]);
  });

  it('a decimal comma is only read where the encoding allows it (not in JSON)', () => {
    expect(reasonFor({ ...good, value: '93,5' })).toBe('value "93,5" is not a number');
  });

  it('value outside [min, max], bounds inclusive', () => {
    expect(reasonFor({ ...good, value: 100.5 })).toBe('value 100.5 is outside [0, 100]');
    expect(reasonFor({ ...good, value: -0.1 })).toBe('value -0.1 is outside [0, 100]');
    expect(
      check([
        { ...good, value: 0 },
        { ...good, date: '2025-01-12', value: 100 },
      ]).rejected,
    ).toEqual([]);
  });

  it('missing fields', () => {
    expect(reasonFor({ unit: '42', value: 1 })).toBe('missing "indicator", "date"');
  });

  it('the rejected row is kept as text for the quarantine', () => {
    const checked = check([{ ...good, value: 'abc' }]);
    expect(checked.rejected[0]?.row).toEqual({
      unit: '42',
      indicator: 'dossiers-online',
      date: '2025-01-11',
      value: 'abc',
    });
  });

  it('a numeric unit id is read as its text', () => {
    expect(check([{ ...good, unit: 42 }]).observations).toEqual([good]);
  });
});

describe('within a batch', () => {
  it('a later row for the same (unit, indicator, date) replaces the earlier one', () => {
    const checked = check([
      { ...good, value: 10 },
      { ...good, date: '2025-01-12', value: 31 },
      { ...good, value: 20 },
    ]);
    expect(checked.observations).toEqual([
      { ...good, date: '2025-01-12', value: 31 },
      { ...good, value: 20 },
    ]);
  });

  it('a rejected later row does not remove the earlier good one', () => {
    const checked = check([
      { ...good, value: 10 },
      { ...good, value: 'x' },
    ]);
    expect(checked.observations).toEqual([{ ...good, value: 10 }]);
    expect(checked.rejected).toHaveLength(1);
  });
});

describe('rows dated in the future', () => {
  const rows = [
    { ...good, date: '2025-01-11' },
    { ...good, date: '2025-01-12' },
    { ...good, date: '2025-01-13' },
  ];

  it('rejectAfter (ingestion): rows after that day are rejected, that day itself is kept', () => {
    const checked = check(rows, { rejectAfter: '2025-01-12' });
    expect(checked.observations.map((observation) => observation.date)).toEqual(['2025-01-11', '2025-01-12']);
    expect(checked.rejected).toEqual([
      expect.objectContaining({
        location: 'snapshots[2]',
        reason: 'date 2025-01-13 is in the future (after 2025-01-12)',
      }),
    ]);
    expect(checked.ignored).toBe(0);
  });

  it('ignoreAfter (evaluating the past): rows after that day are dropped without a rejection', () => {
    const checked = check(rows, { ignoreAfter: '2025-01-12' });
    expect(checked.observations.map((observation) => observation.date)).toEqual(['2025-01-11', '2025-01-12']);
    expect(checked.rejected).toEqual([]);
    expect(checked.ignored).toBe(1);
  });
});
