import type { CatalogJson } from './catalog-fixtures.ts';

/**
 * A province before and after 1 July 2025: a district with two communes until 2025-06-30, and the
 * commune that replaced both from 2025-07-01, reusing the code of the first (18073).
 */
export function reorganisedCatalog(): CatalogJson {
  return {
    programme: { id: 'reorg', name: 'Sắp xếp đơn vị hành chính' },
    indicators: [
      {
        id: 'work-records-online',
        name: 'Hồ sơ công việc trên môi trường mạng',
        direction: 'increase',
        min: 0,
        max: 100,
        staleAfterDays: 45,
        targets: [
          {
            level: 'commune',
            validTo: '2025-06-30',
            baseline: { date: '2021-10-22' },
            milestones: [{ date: '2025-12-31', value: 60 }],
          },
          {
            level: 'commune',
            validFrom: '2025-07-01',
            baseline: { date: '2025-07-01' },
            milestones: [{ date: '2025-12-31', value: 60 }],
          },
        ],
      },
    ],
    units: [
      { id: '42', name: 'Tỉnh', level: 'province' },
      { id: '436', name: 'Thành phố', level: 'district', parent: '42', validTo: '2025-06-30' },
      {
        id: 'pre2025-18073',
        code: '18073',
        name: 'Phường Nam Hà',
        level: 'commune',
        parent: '436',
        validTo: '2025-06-30',
      },
      {
        id: 'pre2025-18077',
        code: '18077',
        name: 'Phường Bắc Hà',
        level: 'commune',
        parent: '436',
        validTo: '2025-06-30',
        weight: 3,
      },
      {
        id: '18073',
        code: '18073',
        name: 'Phường Thành Sen',
        level: 'commune',
        parent: '42',
        validFrom: '2025-07-01',
        mergedFrom: ['pre2025-18073', 'pre2025-18077'],
      },
    ],
  };
}
