import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCatalog } from '../shared/catalog/parse-catalog.ts';
import { buildProgramme, type Programme } from '../shared/catalog/programme.ts';
import { generateSampleData } from '../shared/sample/sample-programme-data.ts';
import type { Observation } from '../shared/snapshots/observation-rows.ts';
import { nationalDataset, OBSERVATION_MONTHS } from './national-dataset.ts';

/** What the store section ingests: a programme, its observations as a CSV delivery, and when. */
export interface StoreDataset {
  readonly label: string;
  readonly programme: Programme;
  readonly observations: readonly Observation[];
  /** The same observations as the CSV export an agency would hand over. */
  readonly csv: Uint8Array;
  readonly fileName: string;
  /** The ingest's clock (after the last observation, so nothing is rejected as future-dated). */
  readonly receivedAt: string;
  /** The evaluation date of `dtwatch status`. */
  readonly asOf: string;
  readonly description: Record<string, unknown>;
}

export const HA_TINH_FROM = '2021-11-01';
export const HA_TINH_THROUGH = '2026-10-31';

/** Hà Tĩnh's real catalog with five years (60 month-ends) of seeded SAMPLE data for every series. */
export async function haTinhDataset(repoRoot: string): Promise<StoreDataset> {
  const file = join(repoRoot, 'catalog', 'ha-tinh-nq05.json');
  const programme = buildProgramme(parseCatalog(await readFile(file), file));
  const { observations } = generateSampleData(programme, { from: HA_TINH_FROM, through: HA_TINH_THROUGH });
  return {
    label: 'Hà Tĩnh',
    programme,
    observations,
    csv: csvOf(observations),
    fileName: 'bench-ha-tinh.csv',
    receivedAt: '2026-11-01T02:00:00.000Z',
    asOf: '2026-11-15',
    description: {
      catalog: 'catalog/ha-tinh-nq05.json',
      units: programme.units.size,
      series: programme.series.length,
      observations: observations.length,
      period: `${HA_TINH_FROM} … ${HA_TINH_THROUGH} (60 months)`,
      generator:
        'shared/sample/sample-programme-data.ts generateSampleData (seeded): month-ends, year-ends for yearly indicators, silent units stop 4 months early',
    },
  };
}

/**
 * One commune in `every` of the national set (bench/national-dataset.ts, seeded), with the
 * provinces they belong to: the full national ingest takes minutes per emulator, too long for the
 * bench.
 */
export async function nationalSampleDataset(handoutRoot: string, every: number): Promise<StoreDataset> {
  const adminUnits = await readFile(join(handoutRoot, 'data', 'admin-units-national-2025.json'), 'utf8');
  const national = nationalDataset(adminUnits);
  const catalog = JSON.parse(national.catalogText) as {
    units: { id: string; level: string; parent?: string }[];
    overrides: { unit: string }[];
  };
  const communes = catalog.units.filter((unit) => unit.level === 'commune');
  const sampled = new Set(communes.filter((_, index) => index % every === 0).map((unit) => unit.id));
  const provinces = new Set(communes.filter((unit) => sampled.has(unit.id)).map((unit) => unit.parent));
  catalog.units = catalog.units.filter((unit) =>
    unit.level === 'commune' ? sampled.has(unit.id) : provinces.has(unit.id),
  );
  catalog.overrides = catalog.overrides.filter((override) => sampled.has(override.unit));
  const programme = buildProgramme(parseCatalog(JSON.stringify(catalog), 'bench-national-sample.json'));
  const observations: Observation[] = [];
  for (const observation of national.observations()) {
    if (sampled.has(observation.unit)) observations.push(observation);
  }
  return {
    label: `national sample (1 in ${every} communes)`,
    programme,
    observations,
    csv: csvOf(observations),
    fileName: 'bench-national-sample.csv',
    receivedAt: '2026-01-15T02:00:00.000Z',
    asOf: national.asOf,
    description: {
      sample: `1 in ${every} communes`,
      communes: sampled.size,
      ofCommunes: national.communes,
      provinces: provinces.size,
      indicators: national.indicators,
      series: programme.series.length,
      observations: observations.length,
      observationsPerSeries: OBSERVATION_MONTHS,
      generator: `bench/national-dataset.ts (seeded), the communes whose index in the national list is a multiple of ${every}`,
      extrapolated: false,
    },
  };
}

function csvOf(observations: readonly Observation[]): Uint8Array {
  const lines = ['unit,indicator,date,value'];
  for (const { unit, indicator, date, value } of observations)
    lines.push(`${unit},${indicator},${date},${value}`);
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}
