import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import { handoutSchema, type UnitJson, unitsFromHandout } from '../../tools/catalog-units.ts';

const FIXTURE = join(import.meta.dirname, 'admin-units-mini.json');
const handout = handoutSchema.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));

const catalogUnits: UnitJson[] = [
  { id: '42', name: 'Tỉnh Hà Tĩnh', level: 'province' },
  { id: '42-sotp', name: 'Sở Tư pháp', level: 'department', parent: '42' },
  {
    id: '18073',
    name: 'Phường Thành Sen',
    level: 'commune',
    parent: '42',
    head: { email: 'kept@example.com' },
    notes: 'kept',
  },
];

describe('generate-catalog-units on a small fixture', () => {
  const units = unitsFromHandout(handout, catalogUnits);

  it('keeps the province and departments, then districts, old communes and new communes', () => {
    expect(units.map((unit) => unit.id)).toEqual([
      '42',
      '42-sotp',
      '436',
      '437',
      'pre2025-18073',
      'pre2025-18077',
      'pre2025-18115',
      'pre2025-18118',
      '18073',
      '18115',
    ]);
  });

  it('old communes: until 2025-06-30 under their former district, with their official code', () => {
    expect(units.find((unit) => unit.id === 'pre2025-18118')).toEqual({
      id: 'pre2025-18118',
      code: '18118',
      name: 'Xã Thuận Lộc',
      level: 'commune',
      parent: '437',
      validTo: '2025-06-30',
      head: {
        name: 'Chủ tịch UBND xã, Xã Thuận Lộc (placeholder)',
        email: 'head-pre2025-18118@example.com',
        placeholder: true,
      },
    });
  });

  it('new communes: from 2025-07-01, predecessors by id when in the catalog, by code otherwise; catalog fields kept', () => {
    expect(units.find((unit) => unit.id === '18073')).toEqual({
      id: '18073',
      code: '18073',
      name: 'Phường Thành Sen',
      level: 'commune',
      parent: '42',
      validFrom: '2025-07-01',
      mergedFrom: ['pre2025-18073', 'pre2025-18077', '18082'],
      head: { email: 'kept@example.com' },
      notes: 'kept',
    });
  });

  it('the result is a valid catalog in which a shared code names one unit a day', () => {
    const catalog = parseCatalog(
      JSON.stringify({ programme: { id: 'p', name: 'p' }, indicators: [], units }),
      'generated.json',
    );
    expect(buildProgramme(catalog).units.size).toBe(10);
  });

  it('refuses a catalog whose province is not in the handout', () => {
    expect(() => unitsFromHandout(handout, [{ id: '40', level: 'province' }])).toThrow(
      "the catalog's province unit (40) is not a province of the handout (42)",
    );
  });

  it('the command rewrites the catalogs it is given and leaves the rest of them alone', () => {
    const folder = mkdtempSync(join(tmpdir(), 'dtwatch-units-'));
    const catalogPath = join(folder, 'catalog.json');
    const indicators = [
      {
        id: 'x',
        name: 'x',
        direction: 'increase',
        targets: [{ level: 'commune', milestones: [{ date: '2030-12-31', value: 1 }] }],
      },
    ];
    writeFileSync(
      catalogPath,
      JSON.stringify({ programme: { id: 'p', name: 'p' }, indicators, units: catalogUnits }),
    );
    copyFileSync(FIXTURE, join(folder, 'handout.json'));
    const output = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, '../../tools/generate-catalog-units.ts'),
        join(folder, 'handout.json'),
        catalogPath,
      ],
      { encoding: 'utf8' },
    );
    expect(output).toBe(`${catalogPath}: 1 province, 1 department, 2 district, 6 commune\n`);
    const written = JSON.parse(readFileSync(catalogPath, 'utf8'));
    expect(written.indicators).toEqual(indicators);
    expect(written.units).toEqual(units);
  });
});
