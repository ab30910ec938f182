import { type Catalog, catalogSchema } from '../../../shared/catalog/catalog-schema.ts';
import { buildProgramme, type Programme } from '../../../shared/catalog/programme.ts';
import type { SeriesResult } from '../../../shared/domain/series-status.ts';
import type { ObservationStore } from '../../../shared/ports/observation-store.ts';

/** Contacts of the test catalog; the log checks look for every one of them. */
export const CONTACTS = {
  provinceHead: { name: 'Chủ tịch UBND tỉnh', email: 'chu-tich@example.com', phone: '+84900000001' },
  headA: { name: 'Giám đốc Sở A', email: 'giam-doc-a@example.com', phone: '+84900000002' },
  dataA: { name: 'Cán bộ số liệu Sở A', email: 'so-lieu-a@example.com' },
  headB: { name: 'Giám đốc Sở B', email: 'giam-doc-b@example.com', phone: '+84900000003' },
  steering: { name: 'Ban Chỉ đạo chuyển đổi số', email: 'bcd@example.com' },
} as const;

export const ALL_ADDRESSES: readonly string[] = Object.values(CONTACTS).flatMap((contact) =>
  Object.entries(contact)
    .filter(([key]) => key === 'email' || key === 'phone')
    .map(([, value]) => value),
);

const target = {
  baseline: { date: '2025-01-01', value: 20 },
  milestones: [
    { date: '2025-12-31', value: 80 },
    { date: '2030-12-31', value: 95 },
  ],
  staleAfterDays: 20,
};

/** The one indicator of the test catalogs, targeted at the province and its departments. */
export const HO_SO_INDICATOR = {
  id: 'ho-so',
  name: 'Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng',
  unit: '%',
  direction: 'increase',
  targets: [
    { level: 'province', ...target },
    { level: 'department', ...target },
  ],
};

export function testCatalog(alerts: Record<string, unknown> = {}): Catalog {
  return catalogSchema.parse({
    programme: {
      id: 'thu-nghiem',
      name: 'Chương trình chuyển đổi số thử nghiệm',
      timezone: 'Asia/Ho_Chi_Minh',
      steeringCommittee: [CONTACTS.steering],
      alerts,
    },
    indicators: [HO_SO_INDICATOR],
    units: [
      { id: 'tinh', name: 'Tỉnh Thử', level: 'province', head: CONTACTS.provinceHead },
      {
        id: 'so-a',
        name: 'Sở A',
        level: 'department',
        parent: 'tinh',
        head: CONTACTS.headA,
        dataContact: CONTACTS.dataA,
      },
      { id: 'so-b', name: 'Sở B', level: 'department', parent: 'tinh', head: CONTACTS.headB },
    ],
  });
}

export function testProgramme(alerts: Record<string, unknown> = {}): Programme {
  return buildProgramme(testCatalog(alerts));
}

/** The trajectory of the test target: 20 on 2025-01-01 to 80 on 2025-12-31. */
export function requiredOn(date: string): number {
  const day = (Date.parse(`${date}T00:00:00Z`) - Date.parse('2025-01-01T00:00:00Z')) / 86_400_000;
  return 20 + (60 * day) / 364;
}

/**
 * Stores one report on `date` for the test programme: both departments 8 points under the
 * trajectory (behind), the province 12 over it.
 */
export async function putDepartmentsBehind(
  store: ObservationStore,
  programmeId: string,
  date: string,
): Promise<void> {
  const behind = Math.round(requiredOn(date) - 8);
  await store.putObservations(
    programmeId,
    [
      { unit: 'so-a', indicator: 'ho-so', date, value: behind },
      { unit: 'so-b', indicator: 'ho-so', date, value: behind },
      { unit: 'tinh', indicator: 'ho-so', date, value: behind + 20 },
    ],
    `${date}T00:00:00Z`,
  );
}

export function result(
  unit: string,
  status: SeriesResult['status'],
  overrides: Partial<SeriesResult> = {},
): SeriesResult {
  return {
    unit,
    indicator: 'ho-so',
    status,
    date: '2025-03-01',
    value: 25,
    required: 30,
    gap: -5,
    observedPace: 1,
    requiredPace: 5,
    progress: null,
    milestones: [
      { date: '2025-12-31', target: 80, verdict: 'unlikely', projected: 40 },
      { date: '2030-12-31', target: 95, verdict: 'unknown', projected: null },
    ],
    ...overrides,
  };
}
