import { describe, expect, it } from 'vitest';
import {
  advanceAlerts,
  type LifecycleOutcome,
  SOURCE_ALERT_UNIT,
} from '../../shared/alerts/alert-lifecycle.ts';
import { pendingNotices } from '../../shared/alerts/alert-notice.ts';
import { isMuted } from '../../shared/alerts/alert-policy-facts.ts';
import type { AlertStateRecord } from '../../shared/alerts/alert-state.ts';
import type { Mute } from '../../shared/alerts/mute.ts';
import type { SourceDown } from '../../shared/alerts/source-health.ts';
import { catalogSchema } from '../../shared/catalog/catalog-schema.ts';
import { addDays } from '../../shared/domain/calendar-date.ts';
import type { SeriesResult } from '../../shared/domain/series-status.ts';
import { result, testCatalog, testProgramme } from './support/fixture.ts';

const programme = testProgramme();
/** 08:00 in Hà Nội on `date`. */
const at = (date: string) => new Date(`${date}T01:00:00Z`);

interface StepOptions {
  mutes?: readonly Mute[];
  sourcesDown?: readonly SourceDown[];
  chosen?: typeof programme;
}

function step(
  previous: readonly AlertStateRecord[],
  results: readonly SeriesResult[],
  date: string,
  options: StepOptions = {},
): LifecycleOutcome {
  return advanceAlerts({
    programme: options.chosen ?? programme,
    previous,
    results,
    acknowledgements: [],
    now: at(date),
    ...(options.mutes && { mutes: options.mutes }),
    ...(options.sourcesDown && { sourcesDown: options.sourcesDown }),
  });
}

/** The states with their pending notices taken away, as after a delivery. */
function delivered(outcome: LifecycleOutcome): AlertStateRecord[] {
  return outcome.states.map((state) => ({ ...state, pending: [] }));
}

function told(outcome: LifecycleOutcome): string[] {
  return outcome.states
    .flatMap((state) => pendingNotices(state).map((notice) => `${notice.event} ${notice.kind} ${state.unit}`))
    .filter((line, index, all) => all.indexOf(line) === index)
    .sort();
}

/** Runs weekly from `from` for `weeks` weeks with the same results; the days reminders went out. */
function weekly(
  results: (date: string) => readonly SeriesResult[],
  from: string,
  weeks: number,
  options: StepOptions = {},
): { days: Record<string, string[]>; states: AlertStateRecord[] } {
  let states: AlertStateRecord[] = [];
  const days: Record<string, string[]> = {};
  for (let week = 0; week < weeks; week++) {
    const date = addDays(from, 7 * week);
    const outcome = step(states, results(date), date, options);
    const lines = told(outcome);
    if (lines.length > 0) days[date] = lines;
    states = delivered(outcome);
  }
  return { days, states };
}

const NEVER_REPORTED = { date: null, value: null, required: null, gap: null, observedPace: null } as const;

describe('missing first reports', () => {
  it('opens an alert of its own kind for a series whose first report is overdue, to the data contact', () => {
    const outcome = step([], [result('so-a', 'stale', NEVER_REPORTED)], '2025-03-03');
    expect(outcome.transitions).toEqual([
      { event: 'opened', unit: 'so-a', indicator: 'ho-so', kind: 'missing', level: 0 },
    ]);
    const notices = pendingNotices(outcome.states[0] as AlertStateRecord);
    expect(notices.map((notice) => notice.recipient)).toEqual([{ role: 'data_contact', unit: 'so-a' }]);
  });

  it('keeps reports that stopped as `stale`', () => {
    const outcome = step([], [result('so-a', 'stale')], '2025-03-03');
    expect(outcome.transitions.map((t) => t.kind)).toEqual(['stale']);
  });
});

describe('reminder cadence', () => {
  it('reminds an alert with nothing new on the schedule 7, 21, 49, then every 56 days: 4 times in 20 weeks', () => {
    const { days } = weekly(() => [result('so-b', 'behind')], '2025-01-06', 20, {
      chosen: testProgramme({ escalateAfterDays: 365 }),
    });
    expect(Object.keys(days)).toEqual(['2025-01-06', '2025-01-13', '2025-01-27', '2025-02-24', '2025-04-21']);
    expect(Object.values(days).slice(1).flat()).toEqual(Array(4).fill('reminder behind so-b'));
  });

  it('reminds at once when new data is still behind, without restarting the backing off', () => {
    const chosen = testProgramme({ escalateAfterDays: 365 });
    // A new monthly figure, still behind, on the first Monday of each month.
    const monthly = (date: string) => [result('so-b', 'behind', { date: `${date.slice(0, 7)}-01` })];
    const { days } = weekly(monthly, '2025-01-06', 20, { chosen });
    const reminders = Object.entries(days).filter(([, lines]) => lines.includes('reminder behind so-b'));
    // Opened 01-06; quiet reminders after 7 and 14 more days; then one per new figure (Feb to May),
    // and the third quiet one 28 days after the March figure (03-31): a change restarts the wait,
    // not the backing off.
    expect(reminders.map(([date]) => date)).toEqual([
      '2025-01-13',
      '2025-01-27',
      '2025-02-03',
      '2025-03-03',
      '2025-03-31',
      '2025-04-07',
      '2025-05-05',
    ]);
  });

  it('reminds when a revision widens the gap by more than the tolerance, not for less', () => {
    const opened = delivered(step([], [result('so-a', 'behind', { gap: -5 })], '2025-03-03'));
    const small = step(opened, [result('so-a', 'behind', { gap: -5 })], '2025-03-05');
    expect(small.transitions).toEqual([]);
    const wider = step(opened, [result('so-a', 'behind', { gap: -9 })], '2025-03-05');
    expect(wider.transitions.map((t) => t.event)).toEqual(['reminded']);
    expect(pendingNotices(wider.states[0] as AlertStateRecord)[0]?.change).toBe('gap-grew');
  });

  it('refuses the old renotifyAfterDays with a message naming what replaced it', () => {
    const parsed = catalogSchema.safeParse({
      ...testCatalog(),
      programme: { ...testCatalog().programme, alerts: { renotifyAfterDays: 7 } },
    });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('reminders');
  });

  it('refuses a schedule that does not back off', () => {
    const parsed = catalogSchema.safeParse({
      ...testCatalog(),
      programme: { ...testCatalog().programme, alerts: { reminders: { afterDays: [7, 7] } } },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['programme', 'alerts', 'reminders', 'afterDays', 1]);
  });
});

function mute(overrides: Partial<Mute> = {}): Mute {
  return {
    programme: programme.id,
    id: 'm-1',
    unit: 'so-*',
    indicator: '*',
    level: 'department',
    reason: 'bảng xếp hạng chưa công bố',
    author: 'văn phòng',
    createdAt: '2025-02-28T00:00:00Z',
    until: '2025-03-20',
    ...overrides,
  };
}

describe('mutes', () => {
  it('holds back exactly what it matches until it expires, then the alert is announced', () => {
    const results = [result('so-a', 'behind'), result('tinh', 'behind')];
    const { days, states } = weekly(() => results, '2025-03-03', 4, { mutes: [mute()] });
    // tinh is a province: not matched. so-a is held until 03-20, then announced on the next run.
    expect(days['2025-03-03']).toEqual(['opened behind tinh']);
    expect(days['2025-03-10']).toEqual(['reminder behind tinh']);
    expect(days['2025-03-17']).toBeUndefined();
    expect(days['2025-03-24']).toEqual(['opened behind so-a', 'reminder behind tinh']);
    expect(states.every((state) => !isMuted(state))).toBe(true);
  });

  it('marks a muted alert, evaluates it, and counts what it held back', () => {
    const outcome = step([], [result('so-a', 'behind')], '2025-03-03', { mutes: [mute()] });
    expect(outcome.states[0]).toMatchObject({ state: 'open', mutedBy: 'm-1', announced: false });
    expect(isMuted(outcome.states[0] as AlertStateRecord)).toBe(true);
    expect(outcome.transitions[0]).toMatchObject({ event: 'opened', muted: true });
    expect(outcome.suppressedByMute).toBe(1);
  });

  it('resolves an alert nobody heard of without a word, and ignores removed or expired mutes', () => {
    const opened = delivered(step([], [result('so-a', 'behind')], '2025-03-03', { mutes: [mute()] }));
    const resolved = step(opened, [result('so-a', 'on_track')], '2025-03-04');
    expect(resolved.transitions.map((t) => t.event)).toEqual(['resolved']);
    expect(told(resolved)).toEqual([]);
    const removed = mute({ removed: { at: '2025-03-01T00:00:00Z', by: 'văn phòng' } });
    expect(told(step([], [result('so-a', 'behind')], '2025-03-03', { mutes: [removed] }))).toEqual([
      'opened behind so-a',
    ]);
    expect(told(step([], [result('so-a', 'behind')], '2025-03-21', { mutes: [mute()] }))).toEqual([
      'opened behind so-a',
    ]);
  });
});

describe('inhibition by a source down', () => {
  const down: SourceDown = {
    source: 'agencies-api',
    reason: 'failed',
    since: '2025-03-02T01:00:00Z',
    error: 'HTTP 503',
    units: ['so-a', 'so-b'],
  };

  it('raises one source-down alert and holds back the overdue alerts of the units it fed', () => {
    const outcome = step(
      [],
      [
        result('so-a', 'stale'),
        result('so-b', 'stale'),
        result('so-b', 'stale', { indicator: 'other', ...NEVER_REPORTED }),
        result('tinh', 'stale'),
      ],
      '2025-03-03',
      { sourcesDown: [down] },
    );
    // tinh is not fed by the source; so-b's never-reported series is still chased.
    expect(told(outcome)).toEqual([
      `opened missing so-b`,
      `opened source_down ${SOURCE_ALERT_UNIT}`,
      'opened stale tinh',
    ]);
    expect(outcome.inhibited).toBe(2);
    const source = outcome.states.find((state) => state.kind === 'source_down') as AlertStateRecord;
    const notices = pendingNotices(source);
    // Without operators in the catalog: the top unit's reporter (its head here, no data contact).
    expect(notices.map((notice) => notice.recipient)).toEqual([
      { role: 'head', unit: 'tinh' },
      { role: 'head', unit: 'tinh' },
    ]);
    expect(notices[0]?.source).toEqual({ ...down, units: 2 });
  });

  it('goes to the operators when the programme has some, and resolves when the source recovers', () => {
    const chosen = testProgramme();
    const withOperators = {
      ...chosen,
      catalog: {
        ...chosen.catalog,
        programme: {
          ...chosen.catalog.programme,
          operators: [{ name: 'Tổ vận hành', email: 'ops@example.com' }],
        },
      },
    };
    const opened = delivered(
      step([], [result('so-a', 'stale')], '2025-03-03', { sourcesDown: [down], chosen: withOperators }),
    );
    expect(
      pendingNotices(
        step([], [], '2025-03-03', { sourcesDown: [down], chosen: withOperators })
          .states[0] as AlertStateRecord,
      ).map((n) => n.recipient),
    ).toEqual([{ role: 'operator', index: 0 }]);
    const recovered = step(opened, [result('so-a', 'stale')], '2025-03-10', { chosen: withOperators });
    // The source is back but so-a is still overdue: now it is so-a's own alert.
    expect(told(recovered)).toEqual([`opened stale so-a`, `resolved source_down ${SOURCE_ALERT_UNIT}`]);
  });

  it('keeps an overdue alert opened before the source went down open, but quiet until it recovers', () => {
    const opened = delivered(step([], [result('so-a', 'stale')], '2025-03-03'));
    const during = step(opened, [result('so-a', 'stale')], '2025-03-10', { sourcesDown: [down] });
    expect(told(during)).toEqual([`opened source_down ${SOURCE_ALERT_UNIT}`]);
    expect(during.states.find((state) => state.unit === 'so-a')).toMatchObject({
      state: 'open',
      inhibitedBy: 'agencies-api',
    });
  });
});
