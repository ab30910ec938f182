import { seededRandom } from '../shared/sample/seeded-random.ts';
import type { Observation } from '../shared/snapshots/observation-rows.ts';

/** The commune list of the handout: 34 provinces, 3,321 communes in force from 2025-07-01. */
interface AdminUnitsFile {
  provinces: { code: string; name: string; communes: [string, string][] }[];
}

interface IndicatorShape {
  id: string;
  direction: 'increase' | 'decrease';
  min: number;
  max: number;
  tolerance: number;
  staleAfterDays?: number;
  /** Start value range and monthly drift range of the generated series. */
  start: [number, number];
  drift: [number, number];
  baseline?: { date: string; value?: number };
  milestones: { date: string; value: number }[];
}

// Ten indicators shaped like Resolution 05-NQ/TU's: eight shares that should rise, two that
// should fall; every kind of baseline (given, date only, absent) and an early milestone that falls
// before a baseline for some series.
const INDICATORS: readonly IndicatorShape[] = [
  {
    id: 'dossiers-online',
    direction: 'increase',
    min: 0,
    max: 100,
    tolerance: 5,
    start: [10, 50],
    drift: [0, 1.2],
    baseline: { date: '2021-10-22' },
    milestones: [
      { date: '2025-12-31', value: 60 },
      { date: '2030-12-31', value: 85 },
    ],
  },
  {
    id: 'work-records-online',
    direction: 'increase',
    min: 0,
    max: 100,
    tolerance: 3,
    start: [20, 60],
    drift: [0, 1],
    milestones: [
      { date: '2025-12-31', value: 80 },
      { date: '2030-12-31', value: 100 },
    ],
  },
  {
    id: 'e-payments',
    direction: 'increase',
    min: 0,
    max: 100,
    tolerance: 2,
    start: [5, 30],
    drift: [0.2, 1.5],
    baseline: { date: '2021-01-31', value: 10 },
    milestones: [
      { date: '2023-12-31', value: 30 },
      { date: '2025-12-31', value: 50 },
      { date: '2030-12-31', value: 80 },
    ],
  },
  {
    id: 'digital-signatures',
    direction: 'increase',
    min: 0,
    max: 100,
    tolerance: 0,
    staleAfterDays: 60,
    start: [0, 40],
    drift: [0, 1.5],
    baseline: { date: '2022-01-01', value: 20 },
    milestones: [{ date: '2025-12-31', value: 70 }],
  },
  {
    id: 'adults-with-smartphones',
    direction: 'increase',
    min: 0,
    max: 100,
    tolerance: 4,
    start: [40, 70],
    drift: [0, 0.6],
    baseline: { date: '2021-06-30' },
    milestones: [
      { date: '2025-12-31', value: 80 },
      { date: '2030-12-31', value: 95 },
    ],
  },
  {
    id: 'households-fibre',
    direction: 'increase',
    min: 0,
    max: 100,
    tolerance: 5,
    start: [30, 70],
    drift: [0, 0.8],
    milestones: [
      { date: '2025-12-31', value: 80 },
      { date: '2030-12-31', value: 100 },
    ],
  },
  {
    id: 'digital-literacy',
    direction: 'increase',
    min: 0,
    max: 100,
    tolerance: 5,
    staleAfterDays: 90,
    start: [10, 40],
    drift: [0, 1],
    baseline: { date: '2021-01-31', value: 15 },
    milestones: [
      { date: '2025-12-31', value: 50 },
      { date: '2030-12-31', value: 80 },
    ],
  },
  {
    id: 'cashless-payments',
    direction: 'increase',
    min: 0,
    max: 100,
    tolerance: 3,
    start: [5, 35],
    drift: [0, 1.1],
    baseline: { date: '2021-10-22' },
    milestones: [
      { date: '2025-12-31', value: 50 },
      { date: '2030-12-31', value: 80 },
    ],
  },
  {
    id: 'processing-days',
    direction: 'decrease',
    min: 0,
    max: 60,
    tolerance: 1,
    start: [10, 30],
    drift: [-0.4, 0.05],
    baseline: { date: '2021-01-31', value: 20 },
    milestones: [
      { date: '2025-12-31', value: 5 },
      { date: '2030-12-31', value: 2 },
    ],
  },
  {
    id: 'late-dossiers',
    direction: 'decrease',
    min: 0,
    max: 100,
    tolerance: 2,
    start: [5, 25],
    drift: [-0.4, 0.1],
    milestones: [
      { date: '2025-12-31', value: 3 },
      { date: '2030-12-31', value: 1 },
    ],
  },
];

export const OBSERVATION_MONTHS = 60;
const FIRST_YEAR = 2021;

export interface NationalDataset {
  readonly catalogText: string;
  readonly communes: number;
  readonly indicators: number;
  readonly series: number;
  readonly observationsPerSeries: number;
  readonly asOf: string;
  /** The same observations in the same order on every call (seeded), created one at a time. */
  observations(): Generator<Observation>;
}

export function nationalDataset(adminUnitsText: string, seed = 20_250_701): NationalDataset {
  const admin = JSON.parse(adminUnitsText) as AdminUnitsFile;
  const communes = admin.provinces.flatMap((province) =>
    province.communes.map(([code, name]) => ({ code, name, province: province.code })),
  );
  const monthEnds = Array.from({ length: OBSERVATION_MONTHS }, (_, index) => {
    const year = FIRST_YEAR + Math.floor(index / 12);
    const month = (index % 12) + 1;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
  });

  const catalog = {
    programme: {
      id: 'bench-national',
      name: 'Benchmark: every commune of Viet Nam (generated data)',
      timezone: 'Asia/Ho_Chi_Minh',
      steeringCommittee: [{ name: 'Bench', email: 'bench@example.com' }],
    },
    indicators: INDICATORS.map((shape) => ({
      id: shape.id,
      name: shape.id,
      unit: shape.max === 100 ? '%' : 'days',
      direction: shape.direction,
      min: shape.min,
      max: shape.max,
      tolerance: shape.tolerance,
      ...(shape.staleAfterDays !== undefined && { staleAfterDays: shape.staleAfterDays }),
      targets: [
        {
          level: 'commune',
          milestones: shape.milestones,
          ...(shape.baseline && { baseline: shape.baseline }),
        },
      ],
    })),
    units: [
      ...admin.provinces.map((province) => ({
        id: `P${province.code}`,
        name: province.name,
        level: 'province',
      })),
      ...communes.map((commune, index) => ({
        id: commune.code,
        name: commune.name,
        level: 'commune',
        parent: `P${commune.province}`,
        // A validity window on some units, wide enough to keep every series.
        ...(index % 10 === 0 && { validFrom: '2021-01-01', validTo: '2030-12-31' }),
        head: { phone: `+8490${String(index).padStart(7, '0')}`, placeholder: true },
      })),
    ],
    overrides: communes
      .filter((_, index) => index % 50 === 0)
      .map((commune) => ({
        unit: commune.code,
        indicator: 'dossiers-online',
        tolerance: 2,
        baseline: { date: '2021-06-30' },
      })),
  };

  return {
    catalogText: JSON.stringify(catalog),
    communes: communes.length,
    indicators: INDICATORS.length,
    series: communes.length * INDICATORS.length,
    observationsPerSeries: OBSERVATION_MONTHS,
    asOf: '2026-01-15',
    *observations() {
      const random = seededRandom(seed);
      const between = ([low, high]: [number, number]) => low + (high - low) * random();
      for (const commune of communes) {
        for (const shape of INDICATORS) {
          let level = between(shape.start);
          const drift = between(shape.drift);
          for (const date of monthEnds) {
            level += drift;
            const noisy = level + (random() - 0.5) * 4;
            const value = Math.round(Math.min(shape.max, Math.max(shape.min, noisy)) * 100) / 100;
            yield { unit: commune.code, indicator: shape.id, date, value };
          }
        }
      }
    },
  };
}
