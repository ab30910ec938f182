import type { Persona } from './sample-programme-data.ts';

/**
 * What the sources say about a programme, so that its SAMPLE DATA agrees where the truth is known
 * (issue 12: "sample data that tells the truth where truth is known"). Everything else stays
 * invented. Keys of `personas` and `atTargetFrom` are `unit/indicator`.
 */
export interface SampleFacts {
  /** Reported values: they replace the generated value of their series on their date. */
  readonly values: readonly {
    unit: string;
    indicator: string;
    date: string;
    value: number;
    source: string;
  }[];
  /** The story of a series as the province tells it, instead of its unit's persona. */
  readonly personas: Readonly<Record<string, Persona>>;
  /** Series at or above their final target from this date on. */
  readonly atTargetFrom: Readonly<Record<string, string>>;
}

const HA_TINH_RANK = { unit: '42', indicator: 'digital-gov-rank' } as const;

export const SAMPLE_FACTS: Readonly<Record<string, SampleFacts>> = {
  'ha-tinh-nq05': {
    values: [
      {
        ...HA_TINH_RANK,
        date: '2021-12-31',
        value: 59,
        source: 'seeds/003: 39/63 in 2022, up 20 places on 2021',
      },
      {
        ...HA_TINH_RANK,
        date: '2022-12-31',
        value: 39,
        source: 'seeds/003: «chỉ số Chính quyền số xếp hạng 39/63»',
      },
      {
        ...HA_TINH_RANK,
        date: '2024-12-31',
        value: 7,
        source: 'handout resolution-targets.md: DTI 2024 (21/10/2025), 7th of 34',
      },
    ],
    // seeds/004, after three years: 21 of 26 indicators met. The province's own series tell that
    // story: most on course, the logistics/export businesses and the SMEs lagging.
    personas: {
      '42/work-records-online': 'steady',
      '42/dossiers-online': 'leader',
      '42/staff-digital-skills': 'steady',
      '42/it-officer-coverage': 'leader',
      '42/level4-services': 'leader',
      '42/level4-multiplatform': 'leader',
      '42/logistics-export-digital': 'laggard',
      '42/digital-gov-rank': 'leader',
      '42/ez-business-digital': 'steady',
      '42/sme-digital': 'laggard',
    },
    // seeds/003 (early 2024): «chính quyền số, dịch vụ công trực tuyến đạt và vượt chỉ tiêu».
    atTargetFrom: {
      '42/dossiers-online': '2023-12-31',
      '42/level4-services': '2023-12-31',
      '42/level4-multiplatform': '2023-12-31',
    },
  },
};

export const NO_FACTS: SampleFacts = { values: [], personas: {}, atTargetFrom: {} };
