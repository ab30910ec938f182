import type { Acknowledgement } from '../../shared/alerts/acknowledgement.ts';
import type { AlertStateRecord } from '../../shared/alerts/alert-state.ts';
import { catalogSchema } from '../../shared/catalog/catalog-schema.ts';
import { buildProgramme, type Programme } from '../../shared/catalog/programme.ts';
import type { DigestInput } from '../../shared/digest/build-digest.ts';
import type { DigestRecord } from '../../shared/digest/digest-record.ts';
import { parseIsoWeek } from '../../shared/digest/iso-week.ts';
import type { SourceRun } from '../../shared/domain/ingest-records.ts';
import { evaluateProgramme, groupBySeries } from '../../shared/domain/programme-evaluation.ts';
import type { Observation } from '../../shared/snapshots/observation-rows.ts';

/**
 * A small programme whose digest for 2026-W10 (Mon 2026-03-02 … Sun 2026-03-08, Asia/Ho_Chi_Minh)
 * is worked out by hand in digest-content.test.ts. One province P and communes C1…C6 (C6 ceased
 * in 2025), two indicators:
 *   online: province 40 (2024-01-01) → 80 (2025-12-31) → 100 (2027-12-31), tolerance 0;
 *           commune 20 (2024-01-01) → 60 (2025-12-31) → 90 (2027-12-31), tolerance 5.
 *   skills: 0 (2024-01-01) → 100 (2026-12-31), tolerance 5, both levels (the province states no
 *           baseline: it never reports, and stays no_data rather than overdue).
 * Required on 2026-02-28: online commune 62.42, online province 81.62, skills 72.05.
 */
export function scenarioCatalog(names: { c1?: string; c2?: string } = {}) {
  return catalogSchema.parse({
    programme: {
      id: 'demo',
      name: 'Chương trình thử',
      timezone: 'Asia/Ho_Chi_Minh',
      steeringCommittee: [
        { name: 'Ban chỉ đạo', email: 'bcd@example.com' },
        { name: 'Thư ký', email: 'thu-ky@example.com' },
      ],
    },
    indicators: [
      {
        id: 'online',
        name: 'Hồ sơ trực tuyến',
        unit: '%',
        direction: 'increase',
        min: 0,
        max: 100,
        main: true,
        targets: [
          {
            level: 'province',
            baseline: { date: '2024-01-01', value: 40 },
            milestones: [
              { date: '2025-12-31', value: 80 },
              { date: '2027-12-31', value: 100 },
            ],
          },
          {
            level: 'commune',
            tolerance: 5,
            baseline: { date: '2024-01-01', value: 20 },
            milestones: [
              { date: '2025-12-31', value: 60 },
              { date: '2027-12-31', value: 90 },
            ],
          },
        ],
      },
      {
        id: 'skills',
        name: 'Kỹ năng số',
        unit: '%',
        direction: 'increase',
        min: 0,
        max: 100,
        tolerance: 5,
        targets: [
          {
            // No catalog baseline: the province's skills series has no start, so never having
            // reported keeps it no_data (a dated baseline would make its first report overdue).
            level: 'province',
            milestones: [{ date: '2026-12-31', value: 100 }],
          },
          {
            level: 'commune',
            baseline: { date: '2024-01-01', value: 0 },
            milestones: [{ date: '2026-12-31', value: 100 }],
          },
        ],
      },
    ],
    units: [
      { id: 'P', name: 'Tỉnh Thử', level: 'province' },
      { id: 'C1', name: names.c1 ?? 'Xã Một', level: 'commune', parent: 'P' },
      { id: 'C2', name: names.c2 ?? 'Xã Hai', level: 'commune', parent: 'P' },
      { id: 'C3', name: 'Xã Ba', level: 'commune', parent: 'P' },
      { id: 'C4', name: 'Xã Bốn', level: 'commune', parent: 'P' },
      { id: 'C5', name: 'Xã Năm', level: 'commune', parent: 'P' },
      { id: 'C6', name: 'Xã Cũ', level: 'commune', parent: 'P', validTo: '2025-06-30' },
    ],
  });
}

/** [unit, indicator, value on 2025-06-30, on 2025-12-31, on 2026-02-28 (null: not reported)] */
const VALUES: readonly [string, string, number, number, number | null][] = [
  ['P', 'online', 60, 72, 75],
  ['C1', 'online', 50, 62, 70],
  ['C1', 'skills', 50, 70, 80],
  ['C2', 'online', 50, 58, 65],
  ['C2', 'skills', 40, 55, 60],
  ['C3', 'online', 50, 59, 61],
  ['C3', 'skills', 50, 68, 73],
  ['C4', 'online', 70, 85, 95],
  ['C4', 'skills', 40, 50, null],
  ['C5', 'online', 50, 59, 61],
  ['C5', 'skills', 50, 68, 73],
  ['C6', 'online', 30, 30, 30],
];

export function scenarioObservations(): Observation[] {
  return VALUES.flatMap(([unit, indicator, mid, end, latest]) => [
    { unit, indicator, date: '2025-06-30', value: mid },
    { unit, indicator, date: '2025-12-31', value: end },
    ...(latest === null ? [] : [{ unit, indicator, date: '2026-02-28', value: latest }]),
  ]);
}

export const PREVIOUS: DigestRecord = {
  programme: 'demo',
  week: '2026-W09',
  createdAt: '2026-03-02T01:00:00.000Z',
  statusCounts: { no_data: 1, stale: 0, achieved: 1, on_track: 4, at_risk: 2, behind: 4 },
  unitScores: { P: 0, C1: 0.5, C2: 1, C3: 0.5, C4: 0.5 },
};

const alert = (
  unit: string,
  indicator: string,
  fields: Partial<AlertStateRecord> & Pick<AlertStateRecord, 'openedAt'>,
): AlertStateRecord => ({
  programme: 'demo',
  unit,
  indicator,
  kind: 'behind',
  state: 'open',
  escalationLevel: 0,
  history: [{ at: fields.openedAt, event: 'opened' }],
  ...fields,
});

/** Week window: 2026-03-01T17:00Z (Mon 00:00 +07) to 2026-03-08T17:00Z. */
export const ALERT_STATES: AlertStateRecord[] = [
  // Opened on Monday 08:00 local: opened this week, 6 days old at the end.
  alert('C2', 'skills', { openedAt: '2026-03-02T01:00:00.000Z' }),
  // Opened in January, escalated on Thursday: 57 days old.
  alert('P', 'online', {
    openedAt: '2026-01-10T00:00:00.000Z',
    escalationLevel: 1,
    history: [
      { at: '2026-01-10T00:00:00.000Z', event: 'opened' },
      { at: '2026-03-05T03:00:00.000Z', event: 'escalated', detail: 'level 1' },
    ],
  }),
  // Resolved on Wednesday.
  alert('C3', 'online', {
    state: 'resolved',
    openedAt: '2026-02-01T00:00:00.000Z',
    resolvedAt: '2026-03-04T10:00:00.000Z',
    history: [
      { at: '2026-02-01T00:00:00.000Z', event: 'opened' },
      { at: '2026-03-04T10:00:00.000Z', event: 'resolved' },
    ],
  }),
  // Opened one second before the week began (Sun 23:59:59 local), resolved after the week:
  // not opened this week, but open at its end (7 days old).
  alert('C2', 'online', {
    state: 'resolved',
    openedAt: '2026-03-01T16:59:59.000Z',
    resolvedAt: '2026-03-10T00:00:00.000Z',
    history: [
      { at: '2026-03-01T16:59:59.000Z', event: 'opened' },
      { at: '2026-03-10T00:00:00.000Z', event: 'resolved' },
    ],
  }),
  // Opened Monday 01:00 local of the NEXT week: not in this digest at all.
  alert('C4', 'skills', { kind: 'stale', openedAt: '2026-03-08T18:00:00.000Z' }),
  // Closed because a stale alert replaced it: not a resolution.
  alert('C1', 'skills', {
    state: 'resolved',
    openedAt: '2026-02-20T00:00:00.000Z',
    resolvedAt: '2026-03-03T00:00:00.000Z',
    history: [
      { at: '2026-02-20T00:00:00.000Z', event: 'opened' },
      { at: '2026-03-03T00:00:00.000Z', event: 'superseded', detail: 'stale' },
    ],
  }),
];

export function acknowledgements(note = 'Mở lớp tập huấn trong tháng 3'): Acknowledgement[] {
  return [
    {
      programme: 'demo',
      unit: 'C2',
      indicator: 'skills',
      until: '2026-03-31',
      note,
      by: 'Chủ tịch xã Hai',
      createdAt: '2026-03-03T02:00:00.000Z',
    },
    // Unit-wide, due before Sunday, C3 online still at risk: overdue by 7 days.
    {
      programme: 'demo',
      unit: 'C3',
      until: '2026-03-01',
      note: 'Bổ sung cán bộ',
      by: 'Chủ tịch xã Ba',
      createdAt: '2026-02-10T02:00:00.000Z',
    },
    // Due date passed but C1 is on track: neither in force nor overdue.
    {
      programme: 'demo',
      unit: 'C1',
      indicator: 'online',
      until: '2026-02-15',
      note: 'x',
      by: 'y',
      createdAt: '2026-02-01T02:00:00.000Z',
    },
    // Created after the week.
    {
      programme: 'demo',
      unit: 'C4',
      until: '2026-04-30',
      note: 'later',
      by: 'z',
      createdAt: '2026-03-09T02:00:00.000Z',
    },
  ];
}

const run = (
  source: string,
  finishedAt: string,
  outcome: SourceRun['outcome'],
  error?: string,
): SourceRun => ({
  programme: 'demo',
  source,
  startedAt: finishedAt,
  finishedAt,
  outcome,
  rowsOk: outcome === 'failed' ? 0 : 10,
  rowsRejected: outcome === 'partial' ? 2 : 0,
  rowsUnchanged: 0,
  ...(error !== undefined && { error }),
});

export const SOURCE_RUNS: SourceRun[] = [
  run('sheet-a', '2026-03-06T02:00:00.000Z', 'failed', 'HTTP 503'),
  run('sheet-a', '2026-03-03T02:00:00.000Z', 'ok'),
  run('api-b', '2026-03-07T02:00:00.000Z', 'ok'),
  run('api-b', '2026-03-01T02:00:00.000Z', 'partial'),
  run('csv-c', '2026-03-09T02:00:00.000Z', 'failed', 'after the week'),
  run('csv-c', '2026-03-04T02:00:00.000Z', 'ok'),
];

export const WEEK = parseIsoWeek('2026-W10') ?? { year: 2026, week: 10 };
export const SUNDAY = '2026-03-08';

export function scenarioInput(
  programme: Programme = buildProgramme(scenarioCatalog()),
  overrides: Partial<DigestInput> = {},
): DigestInput {
  const history = groupBySeries(scenarioObservations());
  return {
    programme,
    week: WEEK,
    results: evaluateProgramme(programme, history, SUNDAY).results,
    history,
    previous: PREVIOUS,
    alertStates: ALERT_STATES,
    acknowledgements: acknowledgements(),
    sourceRuns: SOURCE_RUNS,
    quarantinedRows: 4,
    ...overrides,
  };
}
