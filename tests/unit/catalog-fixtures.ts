import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme, type Programme } from '../../shared/catalog/programme.ts';
import { InvalidInputError, type Problem } from '../../shared/errors.ts';

/** A catalog as an operator writes it: plain JSON that each test may change before parsing. */
// biome-ignore lint/suspicious/noExplicitAny: tests break catalogs in ways no type allows
export type CatalogJson = Record<string, any>;

/**
 * A small valid catalog: a province with two communes (one valid only from 2025-07-01), one
 * increase indicator for both levels and one decrease indicator (a rank) for the province.
 */
export function sampleCatalog(): CatalogJson {
  return {
    programme: { id: 'test-programme', name: 'Chương trình thử' },
    indicators: [
      {
        id: 'dossiers-online',
        name: 'Tỷ lệ hồ sơ trực tuyến',
        unit: '%',
        direction: 'increase',
        min: 0,
        max: 100,
        tolerance: 5,
        targets: [
          {
            level: 'province',
            baseline: { date: '2025-01-01', value: 20 },
            milestones: [
              { date: '2025-01-31', value: 50 },
              { date: '2025-03-02', value: 80 },
            ],
          },
          {
            level: 'commune',
            baseline: { date: '2025-01-01', value: 10 },
            milestones: [{ date: '2025-01-31', value: 40 }],
            tolerance: 2,
            staleAfterDays: 20,
          },
        ],
      },
      {
        id: 'digital-gov-rank',
        name: 'Xếp hạng Chính quyền số',
        direction: 'decrease',
        min: 1,
        max: 63,
        staleAfterDays: 400,
        targets: [
          {
            level: 'province',
            baseline: { date: '2025-01-01', value: 60 },
            milestones: [{ date: '2025-01-31', value: 30 }],
          },
        ],
      },
    ],
    units: [
      {
        id: '42',
        name: 'Tỉnh Hà Tĩnh',
        level: 'province',
        head: { name: 'Chủ tịch', email: 'chutich@example.com', phone: '+84900000001' },
      },
      {
        id: '18073',
        name: 'Phường Thành Sen',
        level: 'commune',
        parent: '42',
        validFrom: '2025-07-01',
        validTo: '2025-12-31',
        head: { phone: '+84900000002' },
      },
      {
        id: '18100',
        name: 'Xã Thạch Lạc',
        level: 'commune',
        parent: '42',
        head: { email: 'xa@example.com' },
      },
    ],
  };
}

export function programmeOf(catalog: CatalogJson): Programme {
  return buildProgramme(parseCatalog(JSON.stringify(catalog, null, 2), 'test.json'));
}

/** The problems parseCatalog reports for a catalog text, or [] when it is valid. */
export function catalogProblems(text: string, file = 'broken.json'): readonly Problem[] {
  try {
    parseCatalog(text, file);
    return [];
  } catch (error) {
    if (error instanceof InvalidInputError) return error.problems;
    throw error;
  }
}

export function problemsOf(catalog: CatalogJson): readonly Problem[] {
  return catalogProblems(JSON.stringify(catalog, null, 2));
}
