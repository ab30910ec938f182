import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme, isUnitValidOn } from '../../shared/catalog/programme.ts';
import { evaluateProgramme, groupBySeries } from '../../shared/domain/programme-evaluation.ts';
import { generateSampleData } from '../../shared/sample/sample-programme-data.ts';
import { checkRows } from '../../shared/snapshots/observation-rows.ts';

const programme = buildProgramme(
  parseCatalog(readFileSync('catalog/ha-tinh-nq05.json'), 'ha-tinh-nq05.json'),
);
const THROUGH = '2026-11-28';
const sample = generateSampleData(programme, { through: THROUGH });
const history = groupBySeries(sample.observations);
const ranks = sample.observations.filter((row) => row.unit === '42' && row.indicator === 'digital-gov-rank');
const rankOn = (date: string) => ranks.find((row) => row.date === date)?.value;

describe('Hà Tĩnh sample data agrees with the seeds and the handout', () => {
  it('Digital Government rank 59/63 (2021), 39/63 (2022), 7/34 (2024 results)', () => {
    expect([rankOn('2021-12-31'), rankOn('2022-12-31'), rankOn('2024-12-31')]).toEqual([59, 39, 7]);
  });

  it('a year’s rank appears only once published (the 2024 results in late October 2025)', () => {
    const early = generateSampleData(programme, { through: '2025-09-30' }).observations;
    const late = generateSampleData(programme, { through: '2025-10-31' }).observations;
    const has2024 = (rows: typeof early) =>
      rows.some((row) => row.indicator === 'digital-gov-rank' && row.date === '2024-12-31');
    expect(has2024(early)).toBe(false);
    expect(has2024(late)).toBe(true);
  });

  it('every generated row passes the catalog’s own checks (whole ranks within the number ranked)', () => {
    const batch = {
      format: 'json' as const,
      rows: sample.observations.map((row, index) => ({ location: `row ${index}`, ...row })),
      unreadable: [],
    };
    expect(checkRows(programme, batch).rejected).toEqual([]);
  });

  it('late 2024: a share of targets met of the order the province reported (21 of 26 ≈ 81%)', () => {
    const report = evaluateProgramme(programme, history, '2024-12-31');
    const good = (status: string) => status === 'achieved' || status === 'on_track';
    const province = report.results.filter((result) => result.unit === '42');
    const provinceShare = province.filter((result) => good(result.status)).length / province.length;
    // A target (indicator × level) counts as met when most of its units are on track or achieved.
    const targets = new Map<string, { good: number; all: number }>();
    for (const result of report.results) {
      const key = `${result.indicator}/${programme.units.get(result.unit)?.level}`;
      const tally = targets.get(key) ?? { good: 0, all: 0 };
      tally.all++;
      if (good(result.status)) tally.good++;
      targets.set(key, tally);
    }
    const met = [...targets.values()].filter((tally) => tally.good * 2 >= tally.all).length;
    expect(provinceShare).toBeGreaterThanOrEqual(0.7);
    expect(provinceShare).toBeLessThanOrEqual(0.9);
    expect(met / targets.size).toBeGreaterThanOrEqual(0.7);
    expect(met / targets.size).toBeLessThanOrEqual(0.9);
  });

  it('online public services at or above their targets from the end of 2023', () => {
    for (const indicator of ['dossiers-online', 'level4-services', 'level4-multiplatform']) {
      const plan = programme.planOf('42', indicator);
      const final = plan?.milestones.at(-1)?.value ?? Number.NaN;
      const rows = sample.observations.filter(
        (row) => row.unit === '42' && row.indicator === indicator && row.date >= '2023-12-31',
      );
      expect(rows.length).toBeGreaterThan(30);
      for (const row of rows) expect(row.value).toBeGreaterThanOrEqual(final);
    }
  });

  it('communes of before the merger report until 2025-06-30, the new ones from 2025-07-01', () => {
    const byUnit = new Map<string, string[]>();
    for (const row of sample.observations) {
      const list = byUnit.get(row.unit) ?? [];
      list.push(row.date);
      byUnit.set(row.unit, list);
    }
    const communes = programme.catalog.units.filter((unit) => unit.level === 'commune');
    expect(communes.filter((unit) => unit.validTo === '2025-06-30')).toHaveLength(210);
    for (const unit of communes) {
      const dates = byUnit.get(unit.id) ?? [];
      expect(dates.length).toBeGreaterThan(0);
      expect(dates.every((date) => isUnitValidOn(unit, date))).toBe(true);
      if (unit.validTo === '2025-06-30') expect(dates).toContain('2025-06-30');
      else expect(dates.toSorted()[0]).toBe('2025-07-31');
    }
  });

  it('new communes start from their predecessors’ level (the catalog asks baselineFrom: predecessors)', () => {
    const report = evaluateProgramme(programme, history, '2025-07-31');
    const thanhSen = report.results.find((r) => r.unit === '18073' && r.indicator === 'work-records-online');
    const predecessors = (programme.units.get('18073')?.mergedFrom ?? []).map(
      (id) =>
        sample.observations.find(
          (row) => row.unit === id && row.indicator === 'work-records-online' && row.date === '2025-06-30',
        )?.value,
    );
    const reported = predecessors.filter((value): value is number => value !== undefined);
    expect(reported).toHaveLength(predecessors.length);
    const mean = reported.reduce((sum, value) => sum + value, 0) / reported.length;
    // r(2025-07-31) is 30 days along the line from the inherited baseline to 60 on 2025-12-31.
    expect(thanhSen?.required).toBeCloseTo(mean + ((60 - mean) * 30) / 183, 6);
  });
});
