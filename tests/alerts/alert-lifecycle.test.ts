import { describe, expect, it } from 'vitest';
import type { Acknowledgement } from '../../shared/alerts/acknowledgement.ts';
import { advanceAlerts, type LifecycleOutcome } from '../../shared/alerts/alert-lifecycle.ts';
import { pendingNotices, recipientKey } from '../../shared/alerts/alert-notice.ts';
import type { AlertStateRecord } from '../../shared/alerts/alert-state.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import type { SeriesResult } from '../../shared/domain/series-status.ts';
import { result, testProgramme } from './support/fixture.ts';

const programme = testProgramme();
/** 08:00 in Hà Nội on `date`. */
const at = (date: string) => new Date(`${date}T01:00:00Z`);

function step(
  previous: readonly AlertStateRecord[],
  results: readonly SeriesResult[],
  date: string,
  acknowledgements: readonly Acknowledgement[] = [],
  chosen = programme,
): LifecycleOutcome {
  return advanceAlerts({ programme: chosen, previous, results, acknowledgements, now: at(date) });
}

function notices(outcome: LifecycleOutcome) {
  return outcome.states
    .flatMap((state) => pendingNotices(state))
    .map((notice) => `${notice.event} ${notice.channel} ${recipientKey(notice.recipient)}`)
    .sort();
}

/** The states with their pending notices taken away, as after a delivery. */
function delivered(outcome: LifecycleOutcome): AlertStateRecord[] {
  return outcome.states.map((state) => ({ ...state, pending: [] }));
}

describe('alert lifecycle', () => {
  it('opens an alert when a series falls behind and tells the unit head on every channel', () => {
    const outcome = step([], [result('so-a', 'behind')], '2025-03-03');
    expect(outcome.transitions).toEqual([
      { event: 'opened', unit: 'so-a', indicator: 'ho-so', kind: 'behind', level: 0 },
    ]);
    expect(notices(outcome)).toEqual(['opened email head:so-a', 'opened sms head:so-a']);
    expect(outcome.states[0]).toMatchObject({ state: 'open', escalationLevel: 0, lastStatus: 'behind' });
  });

  it('raises nothing for statuses that are not alerts, and at_risk only when the programme asks', () => {
    const quiet = step(
      [],
      [result('so-a', 'on_track'), result('so-b', 'at_risk'), result('tinh', 'no_data')],
      '2025-03-03',
    );
    expect(quiet.states).toEqual([]);
    const strict = step([], [result('so-b', 'at_risk')], '2025-03-03', [], testProgramme({ atRisk: true }));
    expect(strict.transitions.map((t) => `${t.event} ${t.kind}`)).toEqual(['opened at_risk']);
  });

  it('sends nothing when the status stays, until the first reminder of the schedule (7 days)', () => {
    const opened = delivered(step([], [result('so-a', 'behind')], '2025-03-03'));
    const sameWeek = step(opened, [result('so-a', 'behind', { value: 25.5 })], '2025-03-09');
    expect(sameWeek.transitions).toEqual([]);
    expect(sameWeek.states[0]).toBe(opened[0]);
    const week = step(opened, [result('so-a', 'behind')], '2025-03-10');
    expect(week.transitions.map((t) => t.event)).toEqual(['reminded']);
    expect(notices(week)).toEqual(['reminder email head:so-a', 'reminder sms head:so-a']);
  });

  it('pauses reminders while an acknowledgement covers the series, unit-wide or by indicator', () => {
    const opened = delivered(step([], [result('so-a', 'behind')], '2025-03-03'));
    const ack = (indicator?: string): Acknowledgement => ({
      programme: programme.id,
      unit: 'so-a',
      ...(indicator && { indicator }),
      until: '2025-03-20',
      note: 'kế hoạch',
      by: 'văn phòng',
      createdAt: '2025-03-04T00:00:00Z',
    });
    for (const acks of [[ack()], [ack('ho-so')]]) {
      const paused = step(opened, [result('so-a', 'behind')], '2025-03-17', acks);
      expect(paused.transitions).toEqual([]);
      expect(paused.suppressedByAck).toBe(1);
      const lastDay = step(opened, [result('so-a', 'behind')], '2025-03-20', acks);
      expect(lastDay.suppressedByAck).toBe(1);
      const after = step(opened, [result('so-a', 'behind')], '2025-03-21', acks);
      expect(after.transitions.map((t) => t.event)).toEqual(['reminded']);
    }
    const otherIndicator = step(opened, [result('so-a', 'behind')], '2025-03-17', [ack('khac')]);
    expect(otherIndicator.transitions.map((t) => t.event)).toEqual(['reminded']);
  });

  it('escalates after escalateAfterDays to the parent head, once per level, then the steering committee', () => {
    let states = delivered(step([], [result('so-a', 'behind')], '2025-01-01'));
    const events: string[] = [];
    for (let week = 1; week <= 14; week++) {
      const date = new Date(Date.UTC(2025, 0, 1 + 7 * week)).toISOString().slice(0, 10);
      const outcome = step(states, [result('so-a', 'behind')], date);
      for (const t of outcome.transitions) events.push(`${date} ${t.event} ${t.level}`);
      if (outcome.transitions.some((t) => t.event === 'escalated')) {
        events.push(...notices(outcome).map((line) => `  ${line}`));
      }
      states = delivered(outcome);
    }
    const escalations = events.filter((line) => line.includes('escalated') && !line.startsWith(' '));
    expect(escalations).toEqual(['2025-02-05 escalated 1', '2025-03-05 escalated 2']);
    expect(events).toContain('  escalated sms head:tinh');
    expect(events).toContain('  escalated email head:tinh');
    expect(events).toContain('  escalated email steering:0');
    // The unit head hears of each escalation; no third level exists above the committee.
    expect(events.filter((line) => line === '  escalated sms head:so-a')).toHaveLength(2);
    expect(states[0]?.escalationLevel).toBe(2);
  });

  it('escalates a unit without a parent straight to the steering committee', () => {
    let states = delivered(step([], [result('tinh', 'behind')], '2025-01-01'));
    const outcome = step(states, [result('tinh', 'behind')], '2025-02-05');
    expect(outcome.transitions.map((t) => `${t.event} ${t.level}`)).toEqual(['escalated 1']);
    expect(notices(outcome)).toContain('escalated email steering:0');
    states = delivered(outcome);
    expect(step(states, [result('tinh', 'behind')], '2025-03-12').transitions.map((t) => t.event)).toEqual([
      'reminded',
    ]);
  });

  it('holds an escalation during an acknowledgement and escalates when it expires if still behind', () => {
    const opened = delivered(step([], [result('so-a', 'behind')], '2025-01-01'));
    const acks: Acknowledgement[] = [
      {
        programme: programme.id,
        unit: 'so-a',
        until: '2025-02-20',
        note: 'kế hoạch',
        by: 'x',
        createdAt: '2025-01-02T00:00:00Z',
      },
    ];
    const held = step(opened, [result('so-a', 'behind')], '2025-02-12', acks);
    expect(held.transitions).toEqual([]);
    expect(held.suppressedByAck).toBe(1);
    const expired = step(opened, [result('so-a', 'behind')], '2025-02-21', acks);
    expect(expired.transitions.map((t) => `${t.event} ${t.level}`)).toEqual(['escalated 1']);
  });

  it('resolves once, telling the head and everyone the alert was escalated to', () => {
    let states = delivered(step([], [result('so-a', 'behind')], '2025-01-01'));
    states = delivered(step(states, [result('so-a', 'behind')], '2025-02-05'));
    const resolved = step(states, [result('so-a', 'on_track', { gap: 1 })], '2025-02-12');
    expect(resolved.transitions.map((t) => t.event)).toEqual(['resolved']);
    expect(notices(resolved)).toEqual([
      'resolved email head:so-a',
      'resolved email head:tinh',
      'resolved sms head:so-a',
      'resolved sms head:tinh',
    ]);
    const after = step(delivered(resolved), [result('so-a', 'on_track')], '2025-02-19');
    expect(after.transitions).toEqual([]);
  });

  it('sends a stale-report alert to the data contact when the catalog names one, else the head', () => {
    const outcome = step([], [result('so-a', 'stale'), result('so-b', 'stale')], '2025-03-03');
    expect(notices(outcome)).toEqual([
      'opened email data_contact:so-a',
      'opened email head:so-b',
      'opened sms head:so-b',
    ]);
  });

  it('treats behind becoming stale as the same trouble: no resolution, escalation clock kept', () => {
    let states = delivered(step([], [result('so-b', 'behind')], '2025-01-01'));
    const outcome = step(states, [result('so-b', 'stale')], '2025-01-20');
    expect(outcome.transitions.map((t) => `${t.event} ${t.kind}`)).toEqual([
      'superseded behind',
      'opened stale',
    ]);
    const stale = outcome.states.find((state) => state.kind === 'stale');
    expect(stale?.openedAt).toBe(states[0]?.openedAt);
    expect(notices(outcome).every((line) => line.startsWith('opened'))).toBe(true);
    states = delivered(outcome);
    expect(step(states, [result('so-b', 'stale')], '2025-02-05').transitions.map((t) => t.event)).toEqual([
      'escalated',
    ]);
  });

  it('closes alerts of series no longer evaluated without a message', () => {
    const states = delivered(step([], [result('so-a', 'behind')], '2025-03-03'));
    const outcome = step(states, [], '2025-03-10');
    expect(outcome.transitions.map((t) => t.event)).toEqual(['retired']);
    expect(notices(outcome)).toEqual([]);
  });

  it('counts recipients without any contact as unreachable', () => {
    const catalog = testProgramme().catalog;
    const bare = {
      ...catalog,
      units: catalog.units.map((unit) => (unit.id === 'so-b' ? { ...unit, head: undefined } : unit)),
    };
    const outcome = step([], [result('so-b', 'behind')], '2025-03-03', [], buildProgramme(bare));
    expect(outcome.unreachable).toBe(1);
    expect(notices(outcome)).toEqual([]);
  });
});
