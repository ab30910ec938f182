import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import { parseDeploymentConfig } from '../../shared/config/deployment-config.ts';
import {
  NATIONAL_ADMIN_UNITS_FILE,
  nationalSampleCatalogs,
  nationalSampleConfig,
  parseNationalAdminUnits,
} from '../../shared/sample/national-sample.ts';

const admin = parseNationalAdminUnits(
  readFileSync(NATIONAL_ADMIN_UNITS_FILE, 'utf8'),
  NATIONAL_ADMIN_UNITS_FILE,
);
const catalogs = nationalSampleCatalogs(admin).map((json, index) =>
  parseCatalog(JSON.stringify(json), `sample-${index}.json`),
);

describe('the national SAMPLE', () => {
  it('is one programme per province, 34 of them, with all 3,321 communes from the national list', () => {
    expect(admin.source).toMatch(/dvhcvn/);
    expect(catalogs).toHaveLength(34);
    const communes = catalogs.flatMap((catalog) => catalog.units.filter((unit) => unit.level === 'commune'));
    expect(communes).toHaveLength(3321);
    expect(new Set(communes.map((unit) => unit.id)).size).toBe(3321);
    const haTinh = catalogs.find((catalog) => catalog.programme.id === 'sample-42');
    expect(haTinh?.units.filter((unit) => unit.level === 'commune')).toHaveLength(69);
    for (const catalog of catalogs) {
      const province = catalog.units.filter((unit) => unit.level === 'province');
      expect(province).toHaveLength(1);
      expect(
        catalog.units.every((unit) => unit.level === 'province' || unit.parent === province[0]?.id),
      ).toBe(true);
    }
  });

  it('says SAMPLE where it is not fact: the programme name and every target; heads are placeholders', () => {
    for (const catalog of catalogs) {
      expect(catalog.programme.name).toMatch(/^SAMPLE/);
      for (const indicator of catalog.indicators) {
        for (const target of indicator.targets) expect(target.notes).toMatch(/^SAMPLE/);
      }
      for (const unit of catalog.units) {
        expect(unit.head?.placeholder).toBe(true);
        expect(unit.head?.phone).toMatch(/^\+8490000\d{4}$/);
        expect(unit.head?.email).toMatch(/@example\.com$/);
      }
    }
    const phones = catalogs.flatMap((catalog) => catalog.units.map((unit) => unit.head?.phone));
    expect(new Set(phones).size).toBe(phones.length);
  });

  it('evaluates: every commune has a series per template indicator', () => {
    const programme = buildProgramme(catalogs[0] as (typeof catalogs)[number]);
    const communes = programme.catalog.units.filter((unit) => unit.level === 'commune').length;
    expect(programme.series).toHaveLength(communes * 3);
  });

  it('makes a deployment configuration that names every programme', () => {
    const files = catalogs.map((catalog) => ({
      id: catalog.programme.id,
      path: `catalog/national-sample/${catalog.programme.id}.json`,
    }));
    const config = parseDeploymentConfig(JSON.stringify(nationalSampleConfig(files)), 'national-sample.json');
    expect(config.stage).toBe('national-sample');
    expect(config.programmes.map((programme) => programme.id)).toEqual(files.map((file) => file.id));
  });
});
